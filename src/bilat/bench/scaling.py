"""Scaling benchmark: extraction time per kB should not grow with the size of the text.

    python -m bilat.bench.scaling [--sizes 10,100,1000] [--sentence 100] [--repeat 3]

Generates, from its own templates, article-like texts of 10k, 100k and 1M characters
(English and Vietnamese news sentences in paragraphs) and one 100k-character "sentence" with
no sentence end (clauses of words, countries, dates and figures joined by commas), runs the
whole pipeline (bilat.pipeline.process) on each, and prints size, seconds (best of
--repeat), ms per kB of UTF-8 text, peak RSS, and the ratio of the largest ms per kB to the
smallest: near-linear extraction keeps it within 2x. Sizes are in characters, as the
pipeline's limit on article length counts them. Each input runs in a fresh process after a
warm-up, so load time is left out and peak RSS is that input's own.
"""

from __future__ import annotations

import argparse
import multiprocessing as mp
import random
import time
from concurrent.futures import ProcessPoolExecutor

import psutil

from bilat.model import RawDocument

COUNTRIES_EN = ["Belgium", "Japan", "Cambodia", "Australia", "Thailand", "Canada", "Laos",
                "France", "India", "Singapore"]
COUNTRIES_VI = ["Bỉ", "Nhật Bản", "Campuchia", "Australia", "Thái Lan", "Canada", "Lào",
                "Pháp", "Ấn Độ", "Singapore"]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December"]
EN = [
    "Foreign Minister {name} of {country} arrived in Hanoi on {month} {day} for a three-day "
    "visit at the invitation of his Vietnamese counterpart.",
    "The two sides signed {n} memoranda of understanding on energy, education and health on "
    "{month} {day}, {year}.",
    "Trade between {country} and Vietnam rose to {v}.{d} billion USD last year, {p} percent "
    "more than in {year}.",
    "Vietnam and {country} set up diplomatic ties in 19{yy} and upgraded them to a strategic "
    "partnership in {year}.",
    "President {name} held phone talks with the Prime Minister of {country} on {month} {day}.",
    "Rain is expected across the northern provinces this weekend, forecasters said on Monday.",
    "Local farmers planted rice earlier than usual because the dry season ended in {month}.",
    "Officials from both countries will meet again in {country} next {month} to review "
    "progress.",
]
VI = [
    "Ngày {day}/{m}/{year}, Bộ trưởng Ngoại giao {country} đến Hà Nội, bắt đầu chuyến thăm "
    "chính thức Việt Nam.",
    "Kim ngạch thương mại giữa Việt Nam và {country} đạt {v},{d} tỷ USD trong năm {year}.",
    "Hai nước thiết lập quan hệ ngoại giao năm 19{yy}.",
    "Chiều {day}/{m}, Thủ tướng đã điện đàm với Thủ tướng {country} về hợp tác kinh tế.",
    "Người dân các tỉnh miền Trung đang chuẩn bị cho mùa bão sắp tới.",
    "Giá rau quả tại chợ đầu mối tăng nhẹ so với tuần trước.",
]
NAMES = ["Nguyen Van An", "Tran Thi Binh", "Le Minh Chau", "Pham Quoc Dung", "Hoang Thu Ha"]


def _fill(rng: random.Random, template: str, vietnamese: bool) -> str:
    month = rng.randrange(12)
    i = rng.randrange(len(COUNTRIES_EN))
    return template.format(
        country=COUNTRIES_VI[i] if vietnamese else COUNTRIES_EN[i], name=rng.choice(NAMES),
        month=MONTHS[month], m=month + 1, day=rng.randint(1, 28), n=rng.randint(2, 12),
        v=rng.randint(1, 40), d=rng.randint(0, 9), p=rng.randint(2, 35),
        year=rng.randint(2010, 2024), yy=rng.randint(50, 99))


def article_text(size: int, seed: int = 1) -> str:
    """About `size` characters of news paragraphs, English and Vietnamese by turns."""
    rng = random.Random(seed)
    paragraphs: list[str] = []
    total = 0
    while total < size:
        vietnamese = rng.random() < 0.5
        templates = VI if vietnamese else EN
        paragraph = " ".join(_fill(rng, rng.choice(templates), vietnamese)
                             for _ in range(rng.randint(2, 5)))
        paragraphs.append(paragraph)
        total += len(paragraph) + 2
    return "\n\n".join(paragraphs)[:size]


# Clauses for the one long sentence: no sentence end inside any of them.
CLAUSES_EN = [
    "officials from {country} said", "on {month} {day} {year}",
    "trade reached {v} billion USD", "Prime Minister {name} met his counterpart from {country}",
    "the two sides agreed to work together on farming and clean power",
    "investors from {country} held {n}0 projects", "markets were busy before the holiday",
    "rain fell across the northern provinces",
]
CLAUSES_VI = [
    "ngày {day}/{m}/{year}", "phía {country} cho biết", "kim ngạch đạt {v} tỷ USD",
    "hai bên nhất trí tăng cường hợp tác", "người dân đi chợ đông hơn mọi năm",
]


def long_sentence(size: int, seed: int = 2) -> str:
    """About `size` characters with no sentence end: clauses of words, countries, dates and
    figures, in English and Vietnamese, joined by commas."""
    rng = random.Random(seed)
    clauses = [(c, False) for c in CLAUSES_EN] + [(c, True) for c in CLAUSES_VI]
    parts: list[str] = []
    total = 0
    while total < size:
        template, vietnamese = rng.choice(clauses)
        parts.append(_fill(rng, template, vietnamese))
        total += len(parts[-1]) + 2
    return ", ".join(parts)[:size]


def generate(kind: str, chars: int) -> str:
    """The benchmark text of `kind` ("article" or "sentence"), `chars` characters long."""
    return article_text(chars) if kind == "article" else long_sentence(chars)


def _raw(label: str, text: str) -> RawDocument:
    return RawDocument(source=label, doc_id=label.replace(" ", "-"), fmt="text", text=text,
                       published="2024-05-20")


def measure(kind: str, chars: int, repeat: int = 3) -> dict:
    """Run the pipeline on one input, lexicons loaded first; the best of up to `repeat` runs
    (fewer once they add up to 2 s). Meant for a fresh process: peak RSS is the process's."""
    from bilat.pipeline import process

    for warm in ("article", "sentence"):
        process(_raw("warm", generate(warm, 3000)))
    text = generate(kind, chars)
    best, total = float("inf"), 0.0
    for _ in range(max(1, repeat)):
        start = time.perf_counter()
        _, extraction = process(_raw(kind, text))
        elapsed = time.perf_counter() - start
        best, total = min(best, elapsed), total + elapsed
        if total > 2.0:
            break
    return {"chars": len(text), "kb": len(text.encode("utf-8")) / 1000, "seconds": best,
            "events": len(extraction.events), "facts": len(extraction.facts),
            "rss": peak_rss_mb()}


def peak_rss_mb() -> float:
    """This process's peak resident memory (the current one where no peak is kept)."""
    info = psutil.Process().memory_info()
    peak = getattr(info, "peak_wset", None)  # Windows
    if peak:
        return peak / 2**20
    try:
        import resource
    except ImportError:
        return info.rss / 2**20
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default="10,100,1000",
                    help="article sizes, in thousands of characters")
    ap.add_argument("--sentence", type=int, default=100,
                    help="size of the one long sentence, in thousands of characters (0: none)")
    ap.add_argument("--repeat", type=int, default=3, help="runs per input, the best kept")
    args = ap.parse_args(argv)
    plan = [("article", int(k)) for k in args.sizes.split(",") if k]
    if args.sentence:
        plan.append(("sentence", args.sentence))

    print(f"{'input':<16} {'chars':>9} {'kB':>7} {'seconds':>8} {'ms/kB':>7} "
          f"{'peak RSS MB':>11} {'events':>7} {'facts':>6}")
    per_kb = []
    for kind, k in plan:
        # a fresh process per input: its peak RSS is that input's, not the largest's so far
        with ProcessPoolExecutor(1, mp_context=mp.get_context("spawn")) as pool:
            row = pool.submit(measure, kind, k * 1000, args.repeat).result()
        per_kb.append(row["seconds"] * 1000 / row["kb"])
        print(f"{kind + ' ' + _size(k):<16} {row['chars']:>9} {row['kb']:>7.0f} "
              f"{row['seconds']:>8.2f} {per_kb[-1]:>7.2f} {row['rss']:>11.0f} "
              f"{row['events']:>7} {row['facts']:>6}")
    if per_kb:
        print(f"ms/kB max/min: {max(per_kb) / min(per_kb):.2f} (near-linear: within 2x)")


def _size(k: int) -> str:
    return f"{k // 1000}M" if k >= 1000 and k % 1000 == 0 else f"{k}k"


if __name__ == "__main__":
    main()
