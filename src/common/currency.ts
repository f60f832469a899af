import { userInputError } from './errors';

/**
 * ISO 4217 currencies in use, as the ICU data shipped with Node knows them (CLDR), with each
 * one's number of minor-unit digits (USD 2, JPY 0, KWD 3). Built on first use: the 162
 * formatters take about 15 ms, which a process that never handles money should not spend
 * starting up.
 */
let currencies: ReadonlyMap<string, number> | undefined;

function known(): ReadonlyMap<string, number> {
  currencies ??= new Map(
    Intl.supportedValuesOf('currency').map((code) => [
      code,
      new Intl.NumberFormat('en', { style: 'currency', currency: code }).resolvedOptions()
        .maximumFractionDigits ?? 2,
    ]),
  );
  return currencies;
}

/** The currency code upper-cased, or BAD_USER_INPUT when ISO 4217 has no such currency. */
export function currencyCode(value: string, field = 'currency'): string {
  const code = value.toUpperCase();
  if (!known().has(code)) {
    throw userInputError(`${value} is not an ISO 4217 currency code`, { field });
  }
  return code;
}

/** How many fraction digits an amount in this currency may have. */
export function minorDigits(code: string): number {
  return known().get(code) ?? 2;
}
