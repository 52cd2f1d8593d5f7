// Turns a seller's day into digest text: the facts as lines for a model to summarise, and the
// offline digest (extractive, deterministic) used when no model is configured or it fails.
import { extractiveSummary, type CompletionRequest } from '../../platform/llm/provider.ts';
import { localTime } from '../../platform/jobs/cron.ts';
import type { DayTask, SellerDay } from './digest-day.ts';

type Lang = 'zh' | 'en';

const words = {
  zh: {
    progress: '【今日进展】',
    followUps: '【待跟进】',
    help: '【需协同】',
    gist: '要点：',
    none: '无',
    noTouch: '今天没有记录客户接触。',
    overdue: '逾期',
    due: '截止',
    done: '已完成',
    mood: { positive: '积极', neutral: '中立', hesitant: '犹豫', negative: '消极' } as Record<string, string>,
    moodNote: (mood: string) => `（客户态度：${mood}）`,
    sep: '：',
    type: { visit: '拜访', call: '电话', wechat: '微信', email: '邮件', meeting: '会议', note: '记录', other: '其他' } as Record<string, string>,
    offline: '（离线提取式摘要，未使用大模型）',
    system: '你是销售助理。请根据给出的事实，用简体中文写销售代表的当日小结，分三部分：【今日进展】、【待跟进】、【需协同】（需要其他团队提供的帮助）。只使用给出的事实，不要编造。',
  },
  en: {
    progress: 'Key progress',
    followUps: 'Follow-ups due',
    help: 'Help needed from other teams',
    gist: 'Gist: ',
    none: 'None noted',
    noTouch: 'No customer touches recorded today.',
    overdue: 'overdue',
    due: 'due',
    done: 'done',
    mood: { positive: 'positive', neutral: 'neutral', hesitant: 'hesitant', negative: 'negative' } as Record<string, string>,
    moodNote: (mood: string) => ` (mood: ${mood})`,
    sep: ': ',
    type: { visit: 'Visit', call: 'Call', wechat: 'WeChat', email: 'Email', meeting: 'Meeting', note: 'Note', other: 'Other' } as Record<string, string>,
    offline: '(offline extractive summary; no language model was used)',
    system: "You are a sales assistant. From the facts given, write the sales rep's end-of-day digest in English in three sections: Key progress, Follow-ups due, Help needed from other teams. Use only the facts given; invent nothing.",
  },
};

/** Sentences asking for someone else's help: 需要/协助/支持/帮忙/配合/协调, or need/help/support. */
const helpPattern = /需要|协助|支持|帮忙|配合|协调|\bneed|\bhelp|\bsupport/iu;

const langOf = (locale: string): Lang => (locale.toLowerCase().startsWith('en') ? 'en' : 'zh');
const clock = (d: Date, tz: string) => localTime(d, tz).minuteKey.slice(11);
const monthDay = (d: Date, tz: string) => localTime(d, tz).date.slice(5);
const sentences = (text: string) => text.split(/(?<=[。！？!?；;.\n])\s*/u).map((s) => s.trim()).filter((s) => s.length > 0);

function touchLines(day: SellerDay, w: (typeof words)[Lang]): string[] {
  return day.touches.map((t) => {
    const where = [t.accountName, t.opportunityName].filter(Boolean).join(' / ');
    const mood = t.mood ? w.moodNote(w.mood[t.mood] ?? t.mood) : '';
    return `· ${clock(t.occurredAt, day.timeZone)} ${w.type[t.type] ?? t.type}${where ? ` ${where}` : ''}${w.sep}${t.subject}${mood}`;
  });
}

function taskLine(t: DayTask, day: SellerDay, w: (typeof words)[Lang], dayEnd: Date): string {
  if (t.done) return `· ${w.done} ${t.title}`;
  if (!t.dueAt) return `· ${t.title}`;
  const overdue = t.dueAt.getTime() < dayEnd.getTime() - 24 * 3600_000;
  return `· ${overdue ? w.overdue : w.due} ${monthDay(t.dueAt, day.timeZone)} ${t.title}`;
}

/** The texts a digest summarises: what the customer said and what the rep wrote down. */
const dayTexts = (day: SellerDay) => [...day.touches.flatMap((t) => [t.subject, t.body ?? '']), ...day.notes.map((n) => n.body)].filter((s) => s.trim().length > 0);

/** The facts of the day, one per line, as a model is given them. */
export function digestFacts(day: SellerDay, dayEnd: Date): string {
  const w = words[langOf(day.seller.locale)];
  const touchBodies = day.touches.filter((t) => t.body).map((t) => `  ${t.subject}: ${t.body}`);
  return [
    `${w.progress}`,
    ...touchLines(day, w),
    ...touchBodies,
    ...day.notes.map((n) => `· ${n.body}`),
    `${w.followUps}`,
    ...day.tasks.map((t) => taskLine(t, day, w, dayEnd)),
  ].join('\n');
}

export function digestRequest(day: SellerDay, dayEnd: Date): CompletionRequest {
  const w = words[langOf(day.seller.locale)];
  return { messages: [{ role: 'system', content: w.system }, { role: 'user', content: digestFacts(day, dayEnd) }], maxTokens: 600 };
}

/** The offline digest: the touches, an extractive gist of what was said and noted, tasks due, and help asked for. */
export function offlineDigest(day: SellerDay, dayEnd: Date): string {
  const w = words[langOf(day.seller.locale)];
  const texts = dayTexts(day);
  const gist = extractiveSummary(texts.join('\n'), 3);
  const openTasks = day.tasks.filter((t) => !t.done);
  const helpAsked = [...new Set([...texts.flatMap(sentences), ...openTasks.map((t) => t.title)].filter((s) => helpPattern.test(s)))].slice(0, 5);
  const progress = day.touches.length ? touchLines(day, w) : [w.noTouch];
  return [
    w.progress,
    ...progress,
    ...(gist ? [`${w.gist}${gist}`] : []),
    w.followUps,
    ...(day.tasks.length ? day.tasks.map((t) => taskLine(t, day, w, dayEnd)) : [w.none]),
    w.help,
    ...(helpAsked.length ? helpAsked.map((s) => `· ${s}`) : [w.none]),
    w.offline,
  ].join('\n');
}
