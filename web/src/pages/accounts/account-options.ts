// Suggested values for the account filters and form; the fields stay free text, these only speed up entry.
export const commonIndustries = ['医疗器械', 'SaaS软件', '工业制造', '商贸分销', '新能源', '生物医药', '教育', '金融服务'];
export const commonRegions = ['华东', '华南', '华北', '西南', '华中', '西北', '东北'];
export const toOptions = (values: string[]) => values.map((value) => ({ value, label: value }));
