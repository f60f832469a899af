import { faker } from '@faker-js/faker';
import type { SqlEntityManager } from '@mikro-orm/knex';
import { PlanActivity } from '../../modules/plan/plan-activity.entity';
import { PlanStatus } from '../../modules/plan/plan-status.enum';
import { Plan } from '../../modules/plan/plan.entity';
import type { User } from '../../modules/user/user.entity';

const ACTIVITY_TYPES = ['accommodation', 'transport', 'attraction', 'restaurant'];
const DAY = 86_400_000;

const isoDate = (time: number) => new Date(time).toISOString().slice(0, 10);

/**
 * `perUser` plans for each user, shaped like seed 001's examples: a third published and public,
 * each with a few days of activities (exact costs in the plan's currency).
 */
export async function seedPlans(
  em: SqlEntityManager,
  users: readonly User[],
  perUser: number,
): Promise<void> {
  for (const owner of users) {
    for (let i = 0; i < perUser; i++) {
      const start = Date.UTC(2027, 0, 1) + faker.number.int({ min: 0, max: 300 }) * DAY;
      const days = faker.number.int({ min: 2, max: 7 });
      const currency = faker.helpers.arrayElement(['USD', 'EUR', 'GBP', 'JPY']);
      const whole = currency === 'JPY';
      const amount = (max: number) =>
        whole
          ? `${faker.number.int({ min: 1, max: max * 100 })}`
          : `${faker.number.int({ min: 1, max })}.${faker.number.int({ min: 0, max: 99 }).toString().padStart(2, '0')}`;
      const published = i % 3 === 0;
      const plan = em.create(Plan, {
        owner,
        title: `${faker.location.city()} ${faker.word.adjective()} trip`.slice(0, 200),
        description: faker.lorem.sentence(),
        destination: `${faker.location.city()}, ${faker.location.country()}`.slice(0, 100),
        startDate: isoDate(start),
        endDate: isoDate(start + (days - 1) * DAY),
        budget: amount(5000),
        currency,
        status: published ? PlanStatus.PUBLISHED : PlanStatus.DRAFT,
        isPublic: published,
        data: {
          preferences: {
            budget_type: faker.helpers.arrayElement(['budget', 'mid', 'luxury']),
            travel_style: faker.helpers.arrayElement(['cultural', 'beach', 'outdoors']),
            group_size: faker.number.int({ min: 1, max: 6 }),
          },
          accommodation: { type: 'hotel', preferences: ['wifi', 'breakfast'] },
          notes: faker.lorem.sentence(),
        },
      });
      for (let j = 0; j < days * 2; j++) {
        const hour = 8 + (j % 2) * 6;
        em.create(PlanActivity, {
          plan,
          title: faker.lorem.words(3),
          activityType: faker.helpers.arrayElement(ACTIVITY_TYPES),
          locationName: faker.location.street(),
          latitude: faker.location.latitude(),
          longitude: faker.location.longitude(),
          scheduledDate: isoDate(start + Math.floor(j / 2) * DAY),
          startTime: `${String(hour).padStart(2, '0')}:00:00`,
          endTime: `${String(hour + 2).padStart(2, '0')}:00:00`,
          durationMinutes: 120,
          estimatedCost: amount(200),
          orderIndex: j,
          metadata: {
            tags: faker.helpers.arrayElements(['family_friendly', 'indoor', 'accessible']),
          },
        });
      }
    }
    await em.flush();
  }
}
