"""A synthetic corpus of 重点工作责任分解 tables in the published layout, for measuring only.

Each synthetic district has its own government id, leaders and towns, and the same bureau
names as every other district (the same name in two districts is two bodies). Its tables, one
per year, look like data/ouhai-2024-key-tasks.txt: title lines; sections headed
"二、张三常委、常务副区长牵头重点工作" with the district head's 总负责 first and 区委部门
last; the header row repeated at page breaks; 注 lines; 序号 that now and then skips one;
units from data/units.csv's names and aliases (per district), separated by 、 and now and then
，, with 1-3 leads marked *; task texts with targets ("新增孵化面积30万平方米以上"). About
two fifths of a year's tasks come back the next year, reworded a little, with new numbers
(the people in the posts change now and then too). Deterministic from the seed.

    python benchmarks/generate.py OUTDIR --documents 500 [--seed 8]

writes OUTDIR/<government_id>/{units.csv, <government_id>-<year>-key-tasks.txt, .meta.json}.
"""

from __future__ import annotations

import argparse
import csv
import json
import random
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
UNITS_CSV = REPO / "data" / "units.csv"
SEED_STEM = "瓯海"  # the seed district's name in its bodies' names (瓯海经开集团)
YEARS = tuple(range(2021, 2026))  # each district publishes one table a year
HEADER = "序号\t重点工作\t责任单位\t备注"
NOTE = "注：标记*的为牵头单位"
NUMERALS = "一二三四五六七八九十"

# Place-name characters: a district is two of them (+区), a town two (+街道 or 镇).
PLACE_CHARS = ("鹿龙洞瑞乐永平苍文泰鳌城湾头安清嘉江宁海门山桥溪塘浦阳岙田洋岩港"
               "东西南北新兴和丰林石云梅竹柳花金玉青白黄红")
SURNAMES = ("王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗高郑梁谢宋唐许韩冯邓"
            "曹彭曾肖田董潘袁蔡蒋余杜叶程魏苏吕丁任沈姚卢金")
GIVEN = ("伟芳娜敏静丽强磊军洋勇艳杰涛明超秀霞平刚桂英华建国云峰德光"
         "雪梅志宇飞尔昶剑欣宋孝国锋文斌海燕晓辉")

# The posts that lead sections, in printed order, and the unit ids of their portfolios.
POSTS = (
    ("常委、常务副区长", ("development-reform-bureau", "finance-bureau", "statistics-bureau",
                   "state-assets-office", "taxation-bureau", "emergency-management-bureau",
                   "government-service-centre", "financial-service-centre")),
    ("常委、副区长", ("science-technology-bureau", "economy-information-bureau",
                  "higher-education-area-development-centre", "development-zone-admin-committee",
                  "life-health-town-task-force", "two-healths-service-centre",
                  "fashion-town-task-force", "eyewear-town-task-force")),
    ("常委", ("publicity-department", "culture-tourism-sports-bureau",
            "civilisation-guidance-centre", "tourism-investment-group",
            "sports-development-centre")),
    ("副区长", ("housing-construction-bureau", "natural-resources-planning-branch",
             "expropriation-service-centre", "new-city-construction-group",
             "central-district-construction-centre",
             "high-speed-rail-new-town-construction-centre")),
    ("副区长", ("transport-bureau", "transport-construction-centre", "railway-investment-group",
             "water-resources-bureau", "wenrui-tang-river-construction-centre",
             "ecology-environment-branch")),
    ("副区长", ("agriculture-rural-affairs-bureau", "supply-marketing-cooperative",
             "daluoshan-fund-village-task-force", "beautiful-ouhai-task-force",
             "western-eco-city-construction-centre")),
    ("副区长", ("education-bureau", "health-bureau", "civil-affairs-bureau",
             "human-resources-social-security-bureau", "disabled-persons-federation",
             "charity-federation")),
    ("副区长", ("public-security-branch", "justice-bureau", "law-enforcement-bureau",
             "letters-visits-bureau", "social-governance-centre", "market-regulation-bureau")),
    ("副区长", ("commerce-bureau", "investment-promotion-centre", "data-bureau",
             "data-security-port-task-force", "five-investment-talent-groups",
             "postal-administration-bureau")),
    ("主任", ("development-zone-admin-committee", "development-zone-group",
            "seven-platforms-task-force", "central-business-district-task-force")),
)
PARTY_UNITS = ("organisation-department", "publicity-department", "political-legal-commission",
               "reform-office", "establishment-office", "youth-league-committee",
               "womens-federation", "industry-commerce-federation", "overseas-chinese-federation")
COLLECTIVES = ("all-towns-subdistricts", "all-towns-subdistricts-development-zone",
               "all-district-state-enterprises")

OPENINGS = ("深入实施", "持续推动", "加快推进", "全力打造", "迭代升级", "纵深推进", "稳步实施",
            "大力发展", "积极探索", "高质量推进", "全面深化", "聚力攻坚", "统筹推进", "扎实开展")
OBJECTS = ("大孵化器集群“再扩容”“再提能”", "科技企业“双倍增”“双迈进”", "重大项目“七比七赛”",
           "政务服务增值化改革", "碳达峰“1+6+1”行动", "老旧工业区改造提升", "“两业”融合发展",
           "城市有机更新", "未来社区建设", "共同富裕示范区建设", "营商环境优化提升",
           "数字经济“一号工程”",
           "乡村振兴“千万工程”", "公共服务“七优享”工程", "平安建设“除险保安”", "教育“双减”提质",
           "“医共体”改革", "河湖长制", "“四雁”企业培育", "招商引资“一号项目”", "交通强区建设",
           "耕地保护和粮食安全", "“无废城市”建设", "养老服务体系", "文旅融合发展", "新型城镇化",
           "企业上市“凤凰行动”", "人才强区战略", "防汛防台体系", "“一老一小”服务场景",
           "海外侨胞联络", "国资国企改革", "社会信用体系", "电子营业执照集成应用")
LINKS = ("，", "，力争", "，确保", "，推动", "，实现", "，带动")
# Targets: a template with {n}, how {n} is drawn (low, high, decimals), and the comparator word.
TARGETS = (
    ("新增孵化面积{n}万平方米以上", (10, 60, 0)),
    ("全区生产总值增长{n}%左右", (5, 8, 1)),
    ("带动生命健康产业规模破{n}亿元", (100, 500, 0)),
    ("新增企业研发机构{n}家以上", (10, 60, 0)),
    ("R&D经费支出占GDP比重达{n}%左右", (2, 4, 1)),
    ("完成固定资产投资{n}亿元", (100, 600, 0)),
    ("新增城镇就业{n}人以上", (5000, 20000, 0)),
    ("风电光伏发电总装机达{n}万千瓦以上", (5, 30, 0)),
    ("新建改造农村公路{n}公里", (20, 120, 0)),
    ("“一网通办”率达{n}%以上", (90, 99, 0)),
    ("新认定高新技术企业{n}家", (20, 120, 0)),
    ("整体规模突破{n}亿元", (30, 200, 0)),
    ("新增市场经营主体{n}万家以上", (1, 3, 1)),
    ("为企业减负{n}亿元", (5, 30, 0)),
    ("城乡居民收入增长{n}%以上", (5, 8, 1)),
    ("新增普惠性托位{n}个", (200, 1500, 0)),
    ("建成未来社区{n}个以上", (2, 12, 0)),
    ("产业空间扩容至{n}万平方米", (20, 90, 0)),
    ("PM2.5平均浓度控制在{n}微克/立方米以下", (20, 35, 0)),
    ("粮食播种面积稳定在{n}万亩以上", (3, 12, 1)),
)
QUALITATIVE = ("与经济增长基本同步", "实现全覆盖", "水质稳定保持Ⅲ类水以上", "力争综合排名进等升位")
REWORDINGS = (("持续", "进一步"), ("加快", "全力"), ("推动", "推进"), ("力争", "确保"),
              ("深入", "纵深"), ("打造", "建设"))


@dataclass(frozen=True)
class District:
    """One synthetic government: its name, id and the short place name in its bodies' names."""

    name: str
    government_id: str
    stem: str


def districts(count: int, rng: random.Random) -> list[District]:
    """COUNT districts with distinct two-character names and ids syn-0001 …"""
    names = [a + b for a in PLACE_CHARS for b in PLACE_CHARS if a != b]
    rng.shuffle(names)
    return [District(names[i] + "区", f"syn-{i + 1:04d}", names[i]) for i in range(count)]


def district_units(district: District, rng: random.Random) -> list[dict]:
    """data/units.csv for DISTRICT: the same ids and bureau names, the seed's place name and
    towns replaced by the district's own."""
    with UNITS_CSV.open(encoding="utf-8", newline="") as file:
        rows = list(csv.DictReader(file))
    towns = set()
    for row in rows:
        for key in ("name", "aliases", "merge_note"):
            row[key] = row[key].replace(SEED_STEM, district.stem)
        row["name_en"] = row["name_en"].replace("Ouhai", district.government_id)
        if row["type"] == "townOrSubdistrict":
            while (town := _town(rng)) in towns:
                pass
            towns.add(town)
            row["name"], row["aliases"], row["merge_note"] = town, "", ""
    return rows


def _town(rng: random.Random) -> str:
    return rng.choice(PLACE_CHARS) + rng.choice(PLACE_CHARS) + rng.choice(("街道", "街道", "镇"))


def write_units(rows: list[dict], path: Path) -> None:
    """Write a unit table in data/units.csv's columns."""
    with path.open("w", encoding="utf-8", newline="") as file:
        writer = csv.DictWriter(file, fieldnames=list(rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


def person(rng: random.Random) -> str:
    """A plausible two- or three-character name."""
    return rng.choice(SURNAMES) + "".join(rng.choice(GIVEN) for _ in range(rng.choice((1, 2, 2))))


class DistrictWriter:
    """Writes one district's tables year by year, carrying posts and tasks over."""

    def __init__(self, district: District, units: list[dict], rng: random.Random):
        self.district, self.rng = district, rng
        self.units = {row["id"]: row for row in units}
        self.towns = [row["id"] for row in units if row["type"] == "townOrSubdistrict"]
        self.head = person(rng)
        self.holders = [person(rng) for _ in POSTS]
        self.previous: dict[int, list[str]] = {}  # section → last year's task texts

    def table(self, year: int) -> str:
        """The table of YEAR as published (text)."""
        rng = self.rng
        if rng.random() < 0.2:
            self.head = person(rng)
        self.holders = [h if rng.random() > 0.2 else person(rng) for h in self.holders]
        lines = ["", "", "附件 1", "", f"{year} 年政府工作报告重点工作责任分解", "",
                 f"一、{self.head}区长牵头重点工作", "总负责。", ""]
        sections = [(f"{holder}{post}牵头重点工作", portfolio)
                    for holder, (post, portfolio) in zip(self.holders, POSTS, strict=True)]
        sections.append(("区委部门重点工作", PARTY_UNITS))
        for index, (heading, portfolio) in enumerate(sections):
            lines += [f"{numeral(index + 2)}、{heading}", ""]
            lines += self.section(index, portfolio)
        return "\n".join(lines) + "\n"

    def section(self, index: int, portfolio: tuple[str, ...]) -> list[str]:
        """One section's rows: header rows at page breaks, a 序号 gap now and then, a note."""
        rng = self.rng
        texts = [self.task_text(index, slot) for slot in range(rng.randint(8, 17))]
        self.previous[index] = texts
        lines, number, page = [HEADER], 0, rng.randint(7, 10)
        for row, text in enumerate(texts):
            if row and row % page == 0:
                lines += ["", HEADER]
            number += 2 if rng.random() < 0.02 else 1
            lines.append(f"{number}\t{text}\t{self.units_cell(portfolio)}\t")
        if rng.random() < 0.8:
            lines += ["", NOTE]
        return [*lines, ""]

    def task_text(self, index: int, slot: int) -> str:
        """Last year's task in this place, reworded with new numbers (two in five), or a new one."""
        rng = self.rng
        last = self.previous.get(index, [])
        if slot < len(last) and rng.random() < 0.4:
            text = last[slot]
            for old, new in rng.sample(REWORDINGS, 2):
                text = text.replace(old, new, 1)
            return renumber(text, rng)
        clauses = [rng.choice(OPENINGS) + rng.choice(OBJECTS)]
        for chosen in rng.sample(TARGETS, rng.choices((0, 1, 2), (0.3, 0.55, 0.15))[0]):
            clauses.append(rng.choice(LINKS) + target(rng, chosen))
        if rng.random() < 0.08:
            clauses.append("，" + rng.choice(QUALITATIVE))
        return "".join(clauses) + "。"

    def units_cell(self, portfolio: tuple[str, ...]) -> str:
        """The 责任单位 cell: 1-3 leads with *, co-responsible units after, 、 or ，."""
        rng = self.rng
        count = rng.choices((1, 2, 3, 4, 5, 6, 7, 8, 9), (35, 20, 12, 10, 8, 6, 4, 3, 2))[0]
        pool = list(self.units) + self.towns * 2
        chosen = list(dict.fromkeys(rng.sample(portfolio, min(len(portfolio), 2))
                                    + rng.sample(pool, count + 2)))[:count]
        if count > 1 and rng.random() < 0.05:
            chosen[-1] = rng.choice(COLLECTIVES)
            chosen = list(dict.fromkeys(chosen))
        if len(chosen) == 1:
            leads = 1 if rng.random() < 0.6 else 0
        else:
            leads = min(len(chosen) - 1, rng.choices((1, 2, 3), (70, 20, 10))[0])
        names = [("*" if i < leads else "") + self.written_name(uid)
                 for i, uid in enumerate(chosen)]
        cell = names[0]
        for name in names[1:]:
            cell += ("，" if rng.random() < 0.04 else "、") + name
        return cell + ("。" if rng.random() < 0.01 else "")

    def written_name(self, unit_id: str) -> str:
        """The unit's name as a table prints it: now and then one of its other names."""
        row = self.units[unit_id]
        aliases = [a for a in row["aliases"].split("|") if a]
        if aliases and self.rng.random() < 0.15:
            return self.rng.choice(aliases)
        return row["name"]


def numeral(n: int) -> str:
    """1 … 19 as Chinese numerals (十一, 十二 …)."""
    if n <= 10:
        return NUMERALS[n - 1]
    return "十" + NUMERALS[n - 11]


def target(rng: random.Random, chosen: tuple) -> str:
    """The target clause CHOSEN (a row of TARGETS) with a number drawn for it."""
    template, (low, high, decimals) = chosen
    return template.format(n=_number(rng, low, high, decimals))


def _number(rng: random.Random, low: float, high: float, decimals: int) -> str:
    value = rng.uniform(low, high)
    return f"{value:.{decimals}f}" if decimals else str(round(value))


def renumber(text: str, rng: random.Random) -> str:
    """TEXT with each target clause's number drawn anew."""
    for template, spec in TARGETS:
        head, _, tail = template.partition("{n}")
        start = text.find(head)
        while start >= 0:
            number_start = start + len(head)
            end = number_start
            while end < len(text) and (text[end].isdigit() or text[end] == "."):
                end += 1
            if end > number_start and text.startswith(tail, end):
                text = text[:number_start] + _number(rng, *spec) + text[end:]
            start = text.find(head, number_start + 1)
    return text


def generate(outdir: str | Path, documents: int, seed: int = 8) -> list[Path]:
    """Write DOCUMENTS tables (district by district, a district's years in order) with their
    sidecars and each district's units.csv into OUTDIR; return the tables' paths in order."""
    outdir = Path(outdir)
    rng = random.Random(seed)
    count = -(-documents // len(YEARS))
    paths: list[Path] = []
    for district in districts(count, rng):
        folder = outdir / district.government_id
        folder.mkdir(parents=True, exist_ok=True)
        units = district_units(district, rng)
        write_units(units, folder / "units.csv")
        writer = DistrictWriter(district, units, rng)
        for year in YEARS:
            if len(paths) == documents:
                break
            paths.append(write_document(folder, district, year, writer.table(year), seed))
    return paths


def write_document(folder: Path, district: District, year: int, text: str, seed: int) -> Path:
    """Write one table and its .meta.json sidecar; return the table's path."""
    doc_id = f"{district.government_id}-{year}"
    path = folder / f"{doc_id}-key-tasks.txt"
    path.write_text(text, encoding="utf-8")
    meta = {"id": doc_id, "title": f"{year}年政府工作报告重点工作责任分解",
            "district": district.name, "government_id": district.government_id, "year": year,
            "source": f"Synthetic, for measuring only: benchmarks/generate.py, seed {seed}",
            "units": "units.csv"}
    path.with_suffix(".meta.json").write_text(
        json.dumps(meta, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return path


def main(argv: list[str] | None = None) -> None:
    """Command line: write a corpus of --documents tables into OUTDIR."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("outdir")
    parser.add_argument("--documents", type=int, default=50)
    parser.add_argument("--seed", type=int, default=8)
    args = parser.parse_args(argv)
    paths = generate(args.outdir, args.documents, args.seed)
    print(f"Wrote {len(paths)} tables into {args.outdir}")


if __name__ == "__main__":
    main()
