"""Extraction benchmark: documents per second and peak memory for ~600-word news articles.

    python -m bilat.bench.extract [--docs N] [--words W]

Articles are generated from templates (bilateral visits, talks, figures, history and plain
filler in English and Vietnamese), then cleaned and extracted by the real pipeline in this
process. Prints docs/s, ms per document and peak RSS.
"""

from __future__ import annotations

import argparse
import random
import resource
import time

from bilat.model import RawDocument

PARTNERS_EN = [("Belgium", "Belgian"), ("Japan", "Japanese"), ("Cambodia", "Cambodian"),
               ("Australia", "Australian"), ("Thailand", "Thai"), ("Canada", "Canadian")]
PARTNERS_VI = ["Bỉ", "Nhật Bản", "Campuchia", "Australia", "Thái Lan", "Canada"]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December"]
EN = [
    "{adj} Prime Minister {name} landed in Hanoi on {month} {day}; the official visit to "
    "Vietnam runs from {month} {day} to {day2}, with Pham Minh Chinh as host.",
    "On {month} {day} the two leaders held talks, then watched officials sign {n} cooperation "
    "documents covering trade, schooling and the climate.",
    "Two-way trade between Vietnam and {country} reached {v}.{d} billion USD in {year}, up "
    "{p}.{d} percent year on year.",
    "By {month} {year}, investors from {country} held {n}0 valid projects in Vietnam, worth "
    "{v}.{d} billion USD in registered capital.",
    "Vietnam and {country} established diplomatic relations in 19{yy}.",
    "City hall also wants better drains before the wet season arrives, staff told a council "
    "session on Tuesday evening.",
    "Markets filled up before the holiday; fruit and flowers cost a little more than a year "
    "ago, stallholders said.",
    "They also want more joint work on farming, clean power and exchanges between ordinary "
    "people of both nations.",
]
VI = [
    "Ngày {day}/{m} tại Hà Nội, ông Phạm Minh Chính có cuộc hội đàm với Thủ tướng {country}.",
    "Năm {year}, kim ngạch thương mại hai chiều đạt {v},{d} tỷ USD, tăng {p},{d}% so với năm "
    "trước.",
    "Hai bên muốn làm nhiều việc hơn cùng nhau về nông nghiệp, giáo dục và du lịch.",
    "Thành phố cũng gấp rút làm xong mấy con đường lớn trước khi mùa mưa về.",
    "Việt Nam và {country} thiết lập quan hệ ngoại giao năm 19{yy}.",
]


def article(rng: random.Random, words: int) -> RawDocument:
    vietnamese = rng.random() < 0.5
    sentences = []
    i = rng.randrange(len(PARTNERS_EN))
    while sum(len(s.split()) for s in sentences) < words:
        template = rng.choice(VI if vietnamese else EN)
        month = rng.randrange(12)
        day = rng.randint(1, 25)
        sentences.append(template.format(
            adj=PARTNERS_EN[i][1], country=PARTNERS_VI[i] if vietnamese else PARTNERS_EN[i][0],
            name="Nguyen Van An", month=MONTHS[month], m=month + 1, day=day, day2=day + 2,
            n=rng.randint(2, 9), v=rng.randint(1, 20), d=rng.randint(1, 9),
            p=rng.randint(2, 30), year=rng.randint(2015, 2024), yy=rng.randint(50, 99)))
    paragraphs = [" ".join(sentences[k:k + 3]) for k in range(0, len(sentences), 3)]
    return RawDocument(source=f"bench#{rng.random():.8f}", doc_id=f"bench-{rng.random():.8f}",
                       fmt="text", text="\n\n".join(paragraphs), published="2024-05-20")


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--docs", type=int, default=500)
    ap.add_argument("--words", type=int, default=600)
    args = ap.parse_args(argv)
    from bilat.pipeline import process

    rng = random.Random(7)
    docs = [article(rng, args.words) for _ in range(args.docs)]
    for raw in docs[:5]:
        process(raw)  # lexicons and models load once, outside the timing
    start = time.perf_counter()
    events = facts = 0
    for raw in docs:
        _, extraction = process(raw)
        events += len(extraction.events)
        facts += len(extraction.facts)
    elapsed = time.perf_counter() - start
    words = sum(len((d.text or "").split()) for d in docs)
    print(f"extract: {len(docs)} docs ({words / len(docs):.0f} words each) in {elapsed:.2f} s: "
          f"{len(docs) / elapsed:.1f} docs/s, {elapsed * 1000 / len(docs):.1f} ms/doc; "
          f"{events} events, {facts} facts; peak RSS {peak_rss_mb():.0f} MB")


if __name__ == "__main__":
    main()
