// Where the demo customers are: five sales regions, their cities (real centre coordinates) and districts.
import type { Random } from './demo-random.ts';

export const REGIONS = ['华东', '华南', '华北', '西南', '华中'] as const;
export type Region = (typeof REGIONS)[number];

export interface City {
  name: string;
  region: Region;
  lat: number;
  lng: number;
  districts: readonly string[];
  /** relative share of customers */
  weight: number;
}

export const CITIES: readonly City[] = [
  { name: '上海', region: '华东', lat: 31.2304, lng: 121.4737, districts: ['浦东新区', '徐汇区', '闵行区', '静安区', '嘉定区', '松江区'], weight: 10 },
  { name: '杭州', region: '华东', lat: 30.2741, lng: 120.1551, districts: ['西湖区', '滨江区', '余杭区', '萧山区', '拱墅区'], weight: 6 },
  { name: '南京', region: '华东', lat: 32.0603, lng: 118.7969, districts: ['江宁区', '鼓楼区', '建邺区', '栖霞区'], weight: 5 },
  { name: '苏州', region: '华东', lat: 31.299, lng: 120.5853, districts: ['工业园区', '虎丘区', '吴中区', '相城区'], weight: 5 },
  { name: '宁波', region: '华东', lat: 29.8683, lng: 121.544, districts: ['鄞州区', '北仑区', '江北区', '海曙区'], weight: 3 },
  { name: '合肥', region: '华东', lat: 31.8206, lng: 117.2272, districts: ['蜀山区', '包河区', '高新区', '经开区'], weight: 3 },
  { name: '广州', region: '华南', lat: 23.1291, lng: 113.2644, districts: ['天河区', '黄埔区', '番禺区', '海珠区', '白云区'], weight: 7 },
  { name: '深圳', region: '华南', lat: 22.5431, lng: 114.0579, districts: ['南山区', '福田区', '宝安区', '龙岗区', '龙华区'], weight: 7 },
  { name: '东莞', region: '华南', lat: 23.0207, lng: 113.7518, districts: ['松山湖', '长安镇', '南城街道', '虎门镇'], weight: 3 },
  { name: '佛山', region: '华南', lat: 23.0215, lng: 113.1214, districts: ['顺德区', '南海区', '禅城区'], weight: 2 },
  { name: '北京', region: '华北', lat: 39.9042, lng: 116.4074, districts: ['海淀区', '朝阳区', '丰台区', '大兴区', '昌平区', '东城区'], weight: 10 },
  { name: '天津', region: '华北', lat: 39.3434, lng: 117.3616, districts: ['滨海新区', '南开区', '西青区', '河西区'], weight: 4 },
  { name: '石家庄', region: '华北', lat: 38.0428, lng: 114.5149, districts: ['长安区', '裕华区', '高新区'], weight: 2 },
  { name: '太原', region: '华北', lat: 37.8706, lng: 112.5489, districts: ['小店区', '迎泽区', '万柏林区'], weight: 1 },
  { name: '成都', region: '西南', lat: 30.5728, lng: 104.0668, districts: ['高新区', '武侯区', '锦江区', '天府新区', '双流区'], weight: 6 },
  { name: '重庆', region: '西南', lat: 29.563, lng: 106.5516, districts: ['渝北区', '九龙坡区', '江北区', '沙坪坝区'], weight: 4 },
  { name: '昆明', region: '西南', lat: 24.8801, lng: 102.8329, districts: ['五华区', '盘龙区', '呈贡区'], weight: 1 },
  { name: '贵阳', region: '西南', lat: 26.647, lng: 106.6302, districts: ['观山湖区', '南明区', '云岩区'], weight: 1 },
  { name: '武汉', region: '华中', lat: 30.5928, lng: 114.3055, districts: ['东湖高新区', '江汉区', '洪山区', '武昌区', '汉阳区'], weight: 5 },
  { name: '长沙', region: '华中', lat: 28.2282, lng: 112.9388, districts: ['岳麓区', '雨花区', '开福区', '天心区'], weight: 3 },
  { name: '郑州', region: '华中', lat: 34.7466, lng: 113.6254, districts: ['金水区', '郑东新区', '二七区', '高新区'], weight: 3 },
];

const STREETS = ['科技路', '创新大道', '人民路', '中山路', '建设大道', '解放路', '高新大道', '工业园路', '金融街', '长江路', '学府路', '滨河路', '软件园路', '环城西路'];

/** A street address in the city. */
export function streetAddress(rng: Random, city: City): string {
  const building = rng.chance(0.35) ? `${rng.pick(['A', 'B', 'C'])}座${rng.int(3, 28)}层` : '';
  return `${city.name}市${rng.pick(city.districts)}${rng.pick(STREETS)}${rng.int(1, 999)}号${building}`;
}

/** A point within a few kilometres of the city centre (a degree of latitude is about 111 km). */
export function nearCity(rng: Random, city: City): { lat: number; lng: number } {
  const round = (v: number) => Math.round(v * 1e6) / 1e6;
  return { lat: round(city.lat + rng.normal() * 0.05), lng: round(city.lng + rng.normal() * 0.06) };
}
