import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { Row } from '../../common/row.type';
import type { Context } from '../../context';
import { User } from '../user/user.entity';
import { loadUser } from '../user/user.loaders';
import { DocumentRevision } from './document-revision.entity';
import { documentLoaders, revisionKey } from './document.loaders';
import { LineStat } from './document.types';
import { diffLimits, diffTexts, nextTurn } from './revision-diff';
import { RevisionKind } from './revision-kind.enum';

@Resolver(() => DocumentRevision)
export class DocumentRevisionResolver {
  @FieldResolver(() => User, { nullable: true })
  author(@Root() revision: Row<DocumentRevision>, @Ctx() ctx: Context) {
    return loadUser(ctx, revision.author);
  }

  @FieldResolver(() => LineStat, { description: 'Lines added and removed by this revision.' })
  stat(@Root() revision: Row<DocumentRevision>): LineStat {
    return { added: revision.added, removed: revision.removed };
  }

  @FieldResolver(() => String, { description: 'The full text of this revision, rebuilt exactly.' })
  async content(@Root() revision: Row<DocumentRevision>, @Ctx() ctx: Context): Promise<string> {
    const key = revisionKey(revision.document.id, revision.number);
    return (await documentLoaders.revisionContent(ctx).load(key)) ?? '';
  }

  @FieldResolver(() => String, {
    description:
      'The unified diff from the previous revision. A change over DOCUMENT_DIFF_MAX_EDIT_LENGTH lines added plus removed (stored as a SNAPSHOT) is answered as one hunk replacing every line between the first and the last that differ: exact, not minimal; `stat` counts the same lines.',
  })
  async diff(@Root() revision: Row<DocumentRevision>, @Ctx() ctx: Context): Promise<string> {
    const texts = documentLoaders.revisionContent(ctx);
    const documentId = revision.document.id;
    if (revision.kind === RevisionKind.DIFF) {
      const stored = await documentLoaders.revisionBody(ctx).load(revision.id);
      if (stored !== null) return stored;
    }
    // A snapshot stores the full text: its diff is computed from the two texts.
    const [before, after] = await Promise.all([
      revision.number > 1 ? texts.load(revisionKey(documentId, revision.number - 1)) : '',
      texts.load(revisionKey(documentId, revision.number)),
    ]);
    // Bounded, and after a turn of the event loop: a page may ask for many of these.
    await nextTurn();
    const limits = diffLimits(ctx.config.documentDiffMaxEditLength);
    const names = [`r${revision.number - 1}`, `r${revision.number}`] as const;
    return diffTexts(before ?? '', after ?? '', limits, ...names).patch;
  }
}
