/**
 * Date formatting for the elements, with one `Intl.DateTimeFormat` per language and style for the
 * whole page: building one costs more than rendering a card, and a chat shows cards by the hundred.
 */
const formatters = new Map<string, Intl.DateTimeFormat>();

export type TimeStyle = 'time' | 'date-time' | 'full';

const OPTIONS: Record<TimeStyle, Intl.DateTimeFormatOptions> = {
  time: { timeStyle: 'short' },
  'date-time': { dateStyle: 'medium', timeStyle: 'short' },
  full: { dateStyle: 'full', timeStyle: 'short' },
};

function formatter(locale: string, style: TimeStyle): Intl.DateTimeFormat {
  const key = `${locale}|${style}`;
  let format = formatters.get(key);
  if (!format) {
    try {
      format = new Intl.DateTimeFormat(locale || undefined, OPTIONS[style]);
    } catch {
      format = new Intl.DateTimeFormat(undefined, OPTIONS[style]); // not a valid language tag
    }
    formatters.set(key, format);
  }
  return format;
}

/** `date` in `locale` (the page's default when empty), in one of the elements' styles. */
export function formatTime(date: Date, locale: string, style: TimeStyle): string {
  return formatter(locale, style).format(date);
}
