"""Matching's pure hot paths: top 10 postings for a seeker, and screening throughput.

    make bench-matching          # writes bench/results/matching.json
    .venv/bin/python bench/matching.py --postings 100000 --seekers 2000 --screen 20000 [--seed N]

No Kafka or PostgreSQL: both are pure domain code (``services.matching.domain``), timed
in this one process. The index's answers are checked against a scan of every posting for
a sample of seekers before anything is timed, so a fast wrong answer fails the bench.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import subprocess
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

from services.matching.domain.recommend import (
    OccupationCode,
    OpenPosting,
    PostingIndex,
    PriorityGroup,
    SeekerProfile,
    scan,
)
from services.matching.domain.recommend.geography import CENTROIDS
from services.matching.domain.screening import Verdict, screen_posting

REPO = Path(__file__).resolve().parent.parent
RESULTS = REPO / "bench" / "results"
TODAY = date(2020, 2, 20)
DISTRICTS = list(CENTROIDS)
# Most demand in 2020 was for service and production workers (大类 4 and 6).
MAJOR_WEIGHTS = {"1": 1, "2": 12, "3": 8, "4": 40, "5": 3, "6": 34, "7": 1, "8": 1}
SKILLS = ["叉车", "仓储管理", "中餐烹饪", "电焊", "数控车床", "驾驶", "收银", "客服", "Python"]
SKILLS += ["SQL", "Excel", "护理", "保洁", "装配", "质检", "配送"]
CERTIFICATES = ["健康证", "叉车证", "电工证", "焊工证", "驾驶证"]


def arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--postings", type=int, default=100_000)
    parser.add_argument("--seekers", type=int, default=2_000)
    parser.add_argument("--screen", type=int, default=20_000, help="postings to screen")
    parser.add_argument("--check", type=int, default=50, help="seekers checked against a scan")
    parser.add_argument("--seed", type=int, default=2020)
    return parser.parse_args()


def occupation(rng: random.Random) -> OccupationCode:
    major = rng.choices(list(MAJOR_WEIGHTS), weights=list(MAJOR_WEIGHTS.values()))[0]
    return OccupationCode(
        (major, f"{rng.randint(1, 8):02d}", f"{rng.randint(1, 6):02d}", f"{rng.randint(1, 4):02d}")
    )


def postings(rng: random.Random, count: int) -> list[OpenPosting]:
    made = []
    for i in range(count):
        low = rng.randrange(3500, 15000, 500)
        made.append(
            OpenPosting(
                f"posting-{i}",
                "岗位",
                occupation(rng),
                rng.choice(DISTRICTS),
                low,
                low + rng.randrange(500, 5000, 500),
                opened_on=TODAY - timedelta(days=rng.randint(0, 60)),
                valid_until=TODAY + timedelta(days=rng.randint(-5, 60)),
                certificates=frozenset(rng.sample(CERTIFICATES, rng.choice((0, 0, 1, 1, 2)))),
                skills=frozenset(rng.sample(SKILLS, rng.randint(0, 3))),
                key_enterprise=rng.random() < 0.2,
                target_groups=frozenset(rng.sample(list(PriorityGroup), rng.choice((0, 0, 0, 1)))),
            )
        )
    return made


def seekers(rng: random.Random, count: int) -> list[SeekerProfile]:
    return [
        SeekerProfile(
            f"seeker-{i}",
            desired=tuple(occupation(rng) for _ in range(rng.randint(1, 3))),
            district=rng.choice(DISTRICTS),
            salary_floor=rng.randrange(3000, 12000, 500),
            max_commute_km=rng.choice((8, 10, 15, 20, 30)),
            certificates=frozenset(rng.sample(CERTIFICATES, rng.randint(0, 3))),
            skills=frozenset(rng.sample(SKILLS, rng.randint(0, 4))),
            priority_group=rng.choice([None, *PriorityGroup]),
        )
        for i in range(count)
    ]


LAWFUL = [
    "岗位职责：负责仓库货物的收发、分拣、打包，配合主管完成日常盘点。任职要求：年龄18-50岁，"
    "身体健康，持有效健康证，能适应两班倒。待遇：月薪{pay}元，包吃住，五险一金。"
    "工作地点：{district}{road}。上岗前出示随申码绿码，每日测温，不限户籍。",
    "诚聘{title}{n}名。要求：有相关工作经验者优先，不要求学历，吃苦耐劳，服从安排。"
    "薪资{pay}元/月，加班另计，提供员工宿舍和工作餐。欢迎湖北籍员工返岗，按规定隔离期满后上岗。",
    "{district}门店招聘{title}，地址：{road}。做六休一，月薪{pay}元，节假日三倍工资。"
    "需持健康证，不接受兼职，新手有师傅带。疫情期间配合防疫，佩戴口罩上岗。",
]
DISCRIMINATORY = [
    "招聘{title}{n}名，月薪{pay}元，包吃住。湖北人勿扰。",
    "诚聘{title}，湖 北 籍 不 要，身份证42开头的免谈。",
    "招聘{title}，仅限上海户籍，新冠康复者勿扰。",
    "招聘{title}，hubei人谢绝，月薪{pay}元。",
]
ROADS = ["湖北路88号", "河南中路100号", "四川北路1200号", "春中路368号", "武汉路52号"]
TITLES = ["仓库分拣员", "普工", "快递员", "厨师", "保安", "收银员", "客服专员", "叉车司机"]


def posting_texts(rng: random.Random, count: int) -> list[dict[str, str]]:
    texts = []
    for _ in range(count):
        template = rng.choice(DISCRIMINATORY if rng.random() < 0.1 else LAWFUL)
        fill = {
            "title": rng.choice(TITLES),
            "n": str(rng.randint(1, 30)),
            "pay": f"{rng.randrange(4000, 9000, 500)}-{rng.randrange(9000, 14000, 500)}",
            "district": CENTROIDS[rng.choice(DISTRICTS)][0],
            "road": rng.choice(ROADS),
        }
        texts.append(
            {"title": fill["title"], "description": template.format(**fill), "requirements": ""}
        )
    return texts


def bench_recommend(args: argparse.Namespace, rng: random.Random) -> dict[str, Any]:
    every = postings(rng, args.postings)
    built = time.perf_counter()
    index = PostingIndex(every)
    build_s = time.perf_counter() - built
    people = seekers(rng, args.seekers)
    for seeker in people[: args.check]:
        got = index.recommend(seeker, TODAY)
        assert got == scan(seeker, every, TODAY), f"index and scan disagree: {seeker.seeker_id}"
    latencies, cpu = [], []
    shown = 0
    for seeker in people:
        started, started_cpu = time.perf_counter(), time.thread_time()
        shown += len(index.recommend(seeker, TODAY))
        cpu.append((time.thread_time() - started_cpu) * 1000)
        latencies.append((time.perf_counter() - started) * 1000)
    cuts = statistics.quantiles(latencies, n=100)
    cpu_cuts = statistics.quantiles(cpu, n=100)
    return {
        "postings": len(index),
        "recommend_p50_ms": round(cuts[49], 2),
        "recommend_p99_ms": round(cuts[98], 2),
        "recommend_max_ms": round(max(latencies), 2),
        "recommend_p99_cpu_ms": round(cpu_cuts[98], 2),
        "seekers": len(people),
        "mean_recommended": round(shown / len(people), 1),
        "index_build_s": round(build_s, 2),
    }


def bench_screen(args: argparse.Namespace, rng: random.Random) -> dict[str, Any]:
    texts = posting_texts(rng, args.screen)
    screen_posting(texts[0])  # automata built at import; warm the caches
    started, started_cpu = time.perf_counter(), time.thread_time()
    flagged = sum(screen_posting(t).verdict is not Verdict.PASS for t in texts)
    elapsed, elapsed_cpu = time.perf_counter() - started, time.thread_time() - started_cpu
    chars = sum(len(v) for t in texts for v in t.values())
    return {
        "screen_per_s": round(len(texts) / elapsed),
        "screen_per_cpu_s": round(len(texts) / elapsed_cpu),
        "screened": len(texts),
        "screen_mean_chars": round(chars / len(texts)),
        "screen_flagged": flagged,
    }


def _commit() -> str:
    return subprocess.run(
        ["git", "-C", str(REPO), "rev-parse", "--short", "HEAD"], capture_output=True, text=True
    ).stdout.strip()


def main() -> None:
    args = arguments()
    load_before = os.getloadavg()[0]
    figures = {
        **bench_recommend(args, random.Random(args.seed)),
        **bench_screen(args, random.Random(args.seed + 1)),
        "load_average_1m": [round(load_before, 2), round(os.getloadavg()[0], 2)],
        "cpus": os.cpu_count(),
        "commit": _commit(),
        "date": datetime.now(UTC).isoformat(timespec="seconds"),
    }
    RESULTS.mkdir(exist_ok=True)
    path = RESULTS / "matching.json"
    path.write_text(json.dumps(figures, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"wrote {path.relative_to(REPO)}: {figures}")


if __name__ == "__main__":
    main()
