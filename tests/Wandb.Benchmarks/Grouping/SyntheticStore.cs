using System.Globalization;
using System.Text;
using Wandb.Storage;
using Wandb.Storage.Codec;
using Wandb.Storage.Folder;

namespace Wandb.Benchmarks.Grouping;

/// <summary>
/// Writes runs straight in the folder store's file format (run.json, one finished writer state, one
/// history.jsonl), far faster than going through Run.Log, so 40 million points take seconds to make.
/// Runs fall in 10 groups, two job types; each logs loss, accuracy, lr and grad_norm at every step, plus
/// <c>metric_4</c>, <c>metric_5</c>... noise metrics when more than four are asked for.
/// </summary>
internal static class SyntheticStore
{
    public static readonly string[] Metrics = { "loss", "accuracy", "lr", "grad_norm" };

    public static void Write(string root, int runs, int steps, int metricCount = 4)
    {
        var metrics = Metrics.Concat(Enumerable.Range(Metrics.Length, Math.Max(0, metricCount - Metrics.Length)).Select(i => "metric_" + i.ToString(CultureInfo.InvariantCulture))).ToArray();
        var layout = new StoreLayout(root);
        var started = new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);
        var builder = new StringBuilder(1 << 20);
        for (var r = 0; r < runs; r++)
        {
            var id = "run" + r.ToString("00000", CultureInfo.InvariantCulture);
            Directory.CreateDirectory(layout.RunDirectory(id));
            var random = new Random(r);
            var group = "exp-" + (r % 10).ToString(CultureInfo.InvariantCulture);
            var created = started.AddMinutes(r);
            File.WriteAllBytes(layout.MetadataPath(id), StoreCodec.Serialize(new RunMetadataFile
            {
                Id = id,
                Name = "fold-" + r.ToString(CultureInfo.InvariantCulture),
                Project = "bench",
                Group = group,
                JobType = r % 2 == 0 ? "train" : "eval",
                CreatedAt = created,
            }));

            var quality = (r % 10) * 0.01;
            var last = new double[metrics.Length];
            var timestamp = created.ToUnixTimeMilliseconds() / 1000.0;
            using (var history = new StreamWriter(layout.HistoryPath(id, "w0000001"), false, new UTF8Encoding(false), 1 << 16))
            {
                for (var step = 0; step < steps; step++)
                {
                    var progress = (double)step / steps;
                    last[0] = Math.Exp(-3 * progress) + (random.NextDouble() * 0.05) - quality;
                    last[1] = 0.5 + (0.4 * progress) + quality + (random.NextDouble() * 0.02);
                    last[2] = 0.1 * (1 - progress);
                    for (var m = 3; m < metrics.Length; m++)
                    {
                        last[m] = random.NextDouble() * 10;
                    }

                    builder.Clear();
                    builder.Append("{\"_step\":").Append(step.ToString(CultureInfo.InvariantCulture));
                    builder.Append(",\"_runtime\":").Append((step * 0.01).ToString("R", CultureInfo.InvariantCulture));
                    builder.Append(",\"_timestamp\":").Append((timestamp + (step * 0.01)).ToString("R", CultureInfo.InvariantCulture));
                    for (var m = 0; m < metrics.Length; m++)
                    {
                        builder.Append(",\"").Append(metrics[m]).Append("\":").Append(last[m].ToString("R", CultureInfo.InvariantCulture));
                    }

                    builder.Append("}\n");
                    history.Write(builder.ToString());
                }
            }

            File.WriteAllBytes(layout.StatePath(id, "w0000001"), StoreCodec.Serialize(new WriterStateFile
            {
                Writer = "w0000001",
                Host = "bench",
                Pid = 1,
                StartedAt = created,
                UpdatedAt = created.AddSeconds(steps * 0.01),
                FinishedAt = created.AddSeconds(steps * 0.01),
                State = "finished",
                ExitCode = 0,
                Rows = steps,
                LastStep = steps - 1,
                Config = new Dictionary<string, object?> { ["lr"] = 0.1, ["batch_size"] = 32L << (r % 3), ["fold"] = (long)r },
                Last = metrics.Select((m, i) => (m, last[i])).ToDictionary(p => p.m, p => p.Item2),
            }));
        }
    }
}
