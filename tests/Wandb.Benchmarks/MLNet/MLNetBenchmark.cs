using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers.FastTree;
using Wandb.Benchmarks.Harness;
using Wandb.MLNet;

namespace Wandb.Benchmarks.MLNet;

/// <summary>
/// What the ML.NET helpers cost next to the training they record: FastTree with a curve row after every
/// tree inside a run, with <c>CaptureTo</c> against an empty <c>MLContext.Log</c> handler (any subscriber makes ML.NET
/// format every message; target: CaptureTo under 5% more wall time than that), and the cost of
/// logging one fold run with <c>LogFolds</c> (create, summary, durable finish; target: under 50 ms).
/// </summary>
public sealed class MLNetBenchmark : IBenchmark
{
    private const int Repetitions = 15;

    public string Name => "mlnet";

    public string Description => "ML.NET helpers: CaptureTo on FastTree with a curve row per tree (target < 1.05 of an empty Log handler); LogFolds per fold run (target < 50 ms)";

    public void Run(BenchmarkReport report)
    {
        var store = BenchmarkReport.TempDirectory("mlnet");
        var ml = new MLContext(seed: 1);
        var split = ml.Data.TrainTestSplit(ml.Data.LoadFromEnumerable(Rows(4000)), testFraction: 0.2, seed: 1);
        var options = new FastTreeBinaryTrainer.Options { NumberOfTrees = 100, TestFrequency = 1, FeatureColumnName = "Features" };
        var trainer = ml.BinaryClassification.Trainers.FastTree(options);
        trainer.Fit(split.TrainSet, split.TestSet); // warm-up: JIT and ML.NET's caches

        var plain = new List<double>();
        var listened = new List<double>();
        var captured = new List<double>();
        EventHandler<LoggingEventArgs> ignore = (_, _) => { };
        for (var i = 0; i < Repetitions; i++)
        {
            // Interleaved so drift on a shared machine hits both alike.
            plain.Add(BenchmarkReport.MedianSeconds(1, () =>
            {
                using var run = Wandb.Run.Init(new RunOptions { Dir = store, JobType = "bench" });
                trainer.Fit(split.TrainSet, split.TestSet);
            }));
            // Any Log subscriber makes ML.NET format and raise every message (Trace included): ML.NET's own cost.
            listened.Add(BenchmarkReport.MedianSeconds(1, () =>
            {
                using var run = Wandb.Run.Init(new RunOptions { Dir = store, JobType = "bench" });
                ml.Log += ignore;
                trainer.Fit(split.TrainSet, split.TestSet);
                ml.Log -= ignore;
            }));
            captured.Add(BenchmarkReport.MedianSeconds(1, () =>
            {
                using var run = Wandb.Run.Init(new RunOptions { Dir = store, JobType = "bench" });
                using var capture = ml.CaptureTo(run, new MLContextCaptureOptions { TestFrequency = 1, NumberOfTrees = 100 });
                trainer.Fit(split.TrainSet, split.TestSet);
            }));
        }

        var plainMedian = BenchmarkReport.Median(plain);
        var listenedMedian = BenchmarkReport.Median(listened);
        var capturedMedian = BenchmarkReport.Median(captured);
        report.Figure("FastTree 100 trees, test every tree, in a run (median)", plainMedian * 1000, "ms");
        report.Figure("same with an empty MLContext.Log handler (median)", listenedMedian * 1000, "ms");
        report.Figure("same with CaptureTo: 100 curve rows + output log (median)", capturedMedian * 1000, "ms");
        report.Ratio("any Log subscriber / none (ML.NET's own cost)", listenedMedian / plainMedian, "info", true);
        report.Ratio("CaptureTo / empty handler (the SDK's cost)", capturedMedian / listenedMedian, "< 1.05", capturedMedian / listenedMedian < 1.05);

        var data = ml.Data.LoadFromEnumerable(Rows(2000));
        var sdca = ml.BinaryClassification.Trainers.SdcaLogisticRegression(maximumNumberOfIterations: 10);
        var cvTimes = new List<double>();
        var logTimes = new List<double>();
        for (var i = 0; i < Repetitions; i++)
        {
            IReadOnlyList<TrainCatalogBase.CrossValidationResult<CalibratedBinaryClassificationMetrics>>? results = null;
            cvTimes.Add(BenchmarkReport.MedianSeconds(1, () => results = ml.BinaryClassification.CrossValidate(data, sdca, numberOfFolds: 5, seed: i)));
            logTimes.Add(BenchmarkReport.MedianSeconds(1, () => results!.LogFolds(new FoldRunOptions { Dir = store, Seed = i })));
        }

        var cvMedian = BenchmarkReport.Median(cvTimes);
        var logMedian = BenchmarkReport.Median(logTimes);
        report.Figure("CrossValidate 5 folds, SDCA, 2,000 rows (median)", cvMedian * 1000, "ms");
        report.Figure("LogFolds of its 5 folds, durable (median)", logMedian * 1000, "ms");
        report.Ratio("LogFolds ms per fold run", logMedian * 1000 / 5, "< 50 ms", logMedian * 1000 / 5 < 50);
        Directory.Delete(store, recursive: true);
    }

    private static IEnumerable<Row> Rows(int count)
    {
        var random = new Random(3);
        for (var i = 0; i < count; i++)
        {
            var features = new float[8];
            for (var j = 0; j < features.Length; j++)
            {
                features[j] = (float)random.NextDouble();
            }

            yield return new Row { Features = features, Label = features[0] + features[1] + (0.3 * random.NextDouble()) > 1.1 };
        }
    }

    private sealed class Row
    {
        [VectorType(8)]
        public float[] Features { get; set; } = Array.Empty<float>();

        public bool Label { get; set; }
    }
}
