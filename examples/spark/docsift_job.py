#!/usr/bin/env python3
"""Clean a JSON Lines collection with docsift on Spark.

Each input line is a record, {"id": ..., "text": ...} or {"id": ..., "path": ...};
each partition is piped through one `docsift clean --jsonl` process
(`RDD.pipe`), which answers one line per record, in order:
{"id": ..., "document": {...}} or {"id": ..., "line": N, "error": "..."}.
The results are written with saveAsTextFile: OUTPUT/part-00000, part-00001, ...
in partition order, so their concatenation is the single-machine output of
`docsift clean --jsonl INPUT`.

On this machine:
    python3 examples/spark/docsift_job.py --master 'local[2]' \
        --docsift target/release/docsift collection.jsonl results/

On a cluster, the same script through spark-submit (docsift installed at the
same path on every worker, or shipped with the job):
    spark-submit --master yarn --files target/release/docsift \
        examples/spark/docsift_job.py --docsift ./docsift \
        hdfs:///archive/collection.jsonl hdfs:///archive/cleaned/
"""

import argparse
import shlex

from pyspark.sql import SparkSession


def parse_args():
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("input", help="JSON Lines collection (any path Spark reads)")
    p.add_argument("output", help="directory for the results (must not exist)")
    p.add_argument("--docsift", default="docsift", help="the docsift binary on the workers")
    p.add_argument("--master", help="Spark master (default: spark-submit's)")
    p.add_argument("--partitions", type=int, help="minimum number of input partitions")
    p.add_argument("--jobs", type=int, default=1,
                   help="threads per docsift process (Spark already runs one per core)")
    return p.parse_args()


def main():
    args = parse_args()
    builder = SparkSession.builder.appName("docsift")
    if args.master:
        builder = builder.master(args.master)
        if args.master.startswith("local"):
            builder = builder.config("spark.ui.enabled", "false")
    spark = builder.getOrCreate()
    sc = spark.sparkContext
    records = sc.textFile(args.input, minPartitions=args.partitions)
    command = shlex.join(
        [args.docsift, "clean", "--jsonl", "--quiet", "--jobs", str(args.jobs)]
    )
    # checkCode: a docsift that exits non-zero (an unreadable stream, a
    # failed write) fails the task, and Spark retries it; bad records do not:
    # they are error records in the output.
    records.pipe(command, checkCode=True).saveAsTextFile(args.output)
    spark.stop()


if __name__ == "__main__":
    main()
