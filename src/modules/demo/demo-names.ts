// Chinese person and company names for the demo data, with pinyin for e-mail addresses.
import type { Random } from './demo-random.ts';

/** Common surnames, weighted roughly by how common they are, with their pinyin. */
const SURNAMES: readonly (readonly [string, string, number])[] = [
  ['王', 'wang', 10], ['李', 'li', 10], ['张', 'zhang', 9], ['刘', 'liu', 8], ['陈', 'chen', 7], ['杨', 'yang', 5], ['黄', 'huang', 4], ['赵', 'zhao', 4],
  ['吴', 'wu', 3], ['周', 'zhou', 3], ['徐', 'xu', 3], ['孙', 'sun', 2], ['马', 'ma', 2], ['朱', 'zhu', 2], ['胡', 'hu', 2], ['郭', 'guo', 2],
  ['何', 'he', 2], ['高', 'gao', 2], ['林', 'lin', 2], ['罗', 'luo', 2], ['郑', 'zheng', 1], ['梁', 'liang', 1], ['谢', 'xie', 1], ['宋', 'song', 1],
  ['唐', 'tang', 1], ['许', 'xu', 1], ['韩', 'han', 1], ['冯', 'feng', 1], ['邓', 'deng', 1], ['曹', 'cao', 1], ['彭', 'peng', 1], ['曾', 'zeng', 1],
  ['肖', 'xiao', 1], ['田', 'tian', 1], ['董', 'dong', 1], ['袁', 'yuan', 1], ['潘', 'pan', 1], ['蒋', 'jiang', 1], ['蔡', 'cai', 1], ['余', 'yu', 1],
  ['杜', 'du', 1], ['叶', 'ye', 1], ['程', 'cheng', 1], ['苏', 'su', 1], ['魏', 'wei', 1], ['吕', 'lv', 1], ['丁', 'ding', 1], ['沈', 'shen', 1],
  ['姚', 'yao', 1], ['卢', 'lu', 1], ['钟', 'zhong', 1], ['谭', 'tan', 1], ['陆', 'lu', 1], ['汪', 'wang', 1], ['范', 'fan', 1], ['方', 'fang', 1],
];

const GIVEN_NAMES = [
  '伟', '芳', '娜', '敏', '静', '丽', '强', '磊', '军', '洋', '勇', '艳', '杰', '娟', '涛', '明', '超', '霞', '平', '刚', '鑫', '宇', '浩', '晨', '婷', '雪', '琳', '颖', '斌', '鹏', '辉', '丹', '亮', '峰', '倩',
  '秀英', '建华', '晓东', '建国', '志强', '海燕', '欣怡', '子涵', '梓轩', '俊杰', '思远', '雨桐', '佳琪', '文博', '嘉怡', '浩然', '一鸣', '晓琳', '立新', '振华', '春梅', '丽娟', '国庆', '晓明', '卫东',
];

export interface PersonName {
  name: string;
  /** pinyin of the surname, for an e-mail local part */
  surnamePinyin: string;
}

export function personName(rng: Random): PersonName {
  const [surname, pinyin] = rng.weighted(SURNAMES.map(([s, p, w]) => [[s, p] as const, w] as const));
  return { name: surname + rng.pick(GIVEN_NAMES), surnamePinyin: pinyin };
}

/** Brand syllables that make plausible trade names (瑞康, 恒达 …), with pinyin for web domains. */
const BRAND_HEADS: readonly (readonly [string, string])[] = [
  ['华', 'hua'], ['瑞', 'rui'], ['恒', 'heng'], ['盛', 'sheng'], ['鼎', 'ding'], ['博', 'bo'], ['嘉', 'jia'], ['创', 'chuang'], ['远', 'yuan'], ['新', 'xin'],
  ['天', 'tian'], ['金', 'jin'], ['汇', 'hui'], ['宏', 'hong'], ['卓', 'zhuo'], ['信', 'xin'], ['联', 'lian'], ['海', 'hai'], ['中', 'zhong'], ['安', 'an'],
  ['康', 'kang'], ['明', 'ming'], ['锦', 'jin'], ['启', 'qi'], ['众', 'zhong'], ['云', 'yun'], ['智', 'zhi'], ['德', 'de'], ['润', 'run'], ['英', 'ying'],
];
const BRAND_TAILS: readonly (readonly [string, string])[] = [
  ['达', 'da'], ['泰', 'tai'], ['通', 'tong'], ['科', 'ke'], ['源', 'yuan'], ['诚', 'cheng'], ['昌', 'chang'], ['宇', 'yu'], ['捷', 'jie'], ['星', 'xing'],
  ['辰', 'chen'], ['峰', 'feng'], ['邦', 'bang'], ['和', 'he'], ['辉', 'hui'], ['盈', 'ying'], ['禾', 'he'], ['川', 'chuan'], ['康', 'kang'], ['瑞', 'rui'],
];

export interface Brand {
  text: string;
  pinyin: string;
}

export function brand(rng: Random): Brand {
  const [h, hp] = rng.pick(BRAND_HEADS);
  let [t, tp] = rng.pick(BRAND_TAILS);
  if (t === h) [t, tp] = BRAND_TAILS[0];
  return { text: h + t, pinyin: hp + tp };
}
