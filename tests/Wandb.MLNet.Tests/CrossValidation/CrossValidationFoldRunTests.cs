using System.Collections;
using System.Globalization;
using Microsoft.ML;
using Wandb.MLNet.Tests.Infrastructure;

namespace Wandb.MLNet.Tests.CrossValidation;

[TestClass]
public sealed class CrossValidationFoldRunTests
{
    private const int Folds = 3;
    private const int Seed = 7;

    [TestMethod]
    public void Binary_cross_validation_logs_one_run_per_fold_with_every_calibrated_metric()
    {
        using var store = new TempStore();
        var ml = new MLContext(seed: 1);
        var data = SyntheticData.Load(ml);
        var trainer = ml.BinaryClassification.Trainers.SdcaLogisticRegression(featureColumnName: "Features", labelColumnName: "Label");

        var results = ml.BinaryClassification.CrossValidate(data, trainer, numberOfFolds: Folds, seed: Seed);
        results.LogFolds(new FoldRunOptions { Dir = store.Root, Project = "cv-tests", Seed = Seed });

        var runs = FoldAssertions.AssertOneRunPerFold(store, results, m => new Dictionary<string, double>
        {
            ["Accuracy"] = m.Accuracy,
            ["AreaUnderRocCurve"] = m.AreaUnderRocCurve,
            ["AreaUnderPrecisionRecallCurve"] = m.AreaUnderPrecisionRecallCurve,
            ["F1Score"] = m.F1Score,
            ["PositivePrecision"] = m.PositivePrecision,
            ["PositiveRecall"] = m.PositiveRecall,
            ["NegativePrecision"] = m.NegativePrecision,
            ["NegativeRecall"] = m.NegativeRecall,
            ["LogLoss"] = m.LogLoss,
            ["LogLossReduction"] = m.LogLossReduction,
            ["Entropy"] = m.Entropy,
            ["PerClassPrecision[0]"] = m.ConfusionMatrix.PerClassPrecision[0],
            ["PerClassRecall[1]"] = m.ConfusionMatrix.PerClassRecall[1],
        }, Seed);

        Assert.AreEqual("seed-7-fold-0", runs.Single(r => Convert.ToInt64(r.Config["fold"], CultureInfo.InvariantCulture) == 0).Name);
        Assert.AreEqual("cv-tests", runs[0].Project);
    }

    [TestMethod]
    public void Binary_confusion_matrix_is_kept_readable_in_the_summary()
    {
        using var store = new TempStore();
        var ml = new MLContext(seed: 1);
        var trainer = ml.BinaryClassification.Trainers.SdcaLogisticRegression(featureColumnName: "Features", labelColumnName: "Label");
        var results = ml.BinaryClassification.CrossValidate(SyntheticData.Load(ml), trainer, numberOfFolds: Folds, seed: Seed);

        results.LogFolds(new FoldRunOptions { Dir = store.Root });

        var fold0 = results.Single(r => r.Fold == 0).Metrics.ConfusionMatrix;
        var run = store.Runs().Single(r => Convert.ToInt64(r.Config["fold"], CultureInfo.InvariantCulture) == 0);
        var matrix = (IDictionary<string, object?>)run.Summary["ConfusionMatrix"]!;
        var counts = ((IEnumerable)matrix["counts"]!).Cast<IEnumerable>().Select(row => row.Cast<object>().Select(v => Convert.ToDouble(v, CultureInfo.InvariantCulture)).ToList()).ToList();
        Assert.AreEqual(2L, Convert.ToInt64(matrix["classes"], CultureInfo.InvariantCulture));
        CollectionAssert.AreEqual(fold0.Counts[0].ToList(), counts[0]);
        CollectionAssert.AreEqual(fold0.Counts[1].ToList(), counts[1]);
        Assert.AreEqual(fold0.GetFormattedConfusionTable(), matrix["table"]);
    }

    [TestMethod]
    public void Non_calibrated_binary_cross_validation_logs_the_uncalibrated_metrics()
    {
        using var store = new TempStore();
        var ml = new MLContext(seed: 1);
        var trainer = ml.BinaryClassification.Trainers.AveragedPerceptron(featureColumnName: "Features", labelColumnName: "Label", numberOfIterations: 5);

        var results = ml.BinaryClassification.CrossValidateNonCalibrated(SyntheticData.Load(ml), trainer, numberOfFolds: Folds, seed: Seed);
        results.LogFolds(new FoldRunOptions { Dir = store.Root, Seed = Seed, JobType = "cv-fold" });

        var runs = FoldAssertions.AssertOneRunPerFold(store, results, m => new Dictionary<string, double>
        {
            ["Accuracy"] = m.Accuracy,
            ["AreaUnderRocCurve"] = m.AreaUnderRocCurve,
            ["F1Score"] = m.F1Score,
            ["NegativeRecall"] = m.NegativeRecall,
        }, Seed, jobType: "cv-fold");
        Assert.IsFalse(runs[0].Summary.ContainsKey("LogLoss"), "a non-calibrated model has no log-loss");
    }

    [TestMethod]
    public void Multiclass_cross_validation_logs_scalars_per_class_log_loss_and_top_k_accuracy()
    {
        using var store = new TempStore();
        var ml = new MLContext(seed: 1);
        var pipeline = ml.Transforms.Conversion.MapValueToKey("Label", "Class")
            .Append(ml.MulticlassClassification.Trainers.SdcaMaximumEntropy(labelColumnName: "Label", featureColumnName: "Features"));

        var results = ml.MulticlassClassification.CrossValidate(SyntheticData.Load(ml), pipeline, numberOfFolds: Folds, seed: Seed);
        results.LogFolds(new FoldRunOptions { Dir = store.Root, Seed = Seed });

        var runs = FoldAssertions.AssertOneRunPerFold(store, results, m => new Dictionary<string, double>
        {
            ["MicroAccuracy"] = m.MicroAccuracy,
            ["MacroAccuracy"] = m.MacroAccuracy,
            ["LogLoss"] = m.LogLoss,
            ["LogLossReduction"] = m.LogLossReduction,
            ["TopKAccuracy"] = m.TopKAccuracy,
            ["TopKPredictionCount"] = m.TopKPredictionCount,
            ["PerClassLogLoss[0]"] = m.PerClassLogLoss[0],
            ["PerClassLogLoss[2]"] = m.PerClassLogLoss[2],
            ["PerClassPrecision[2]"] = m.ConfusionMatrix.PerClassPrecision[2],
            ["PerClassRecall[1]"] = m.ConfusionMatrix.PerClassRecall[1],
        }, Seed);

        var pipelineConfig = ((IEnumerable)runs[0].Config["pipeline"]!).Cast<object>().Select(o => o.ToString()).ToList();
        Assert.AreEqual("ValueToKeyMappingTransformer", pipelineConfig[0]);
        StringAssert.StartsWith(pipelineConfig[^1], "MulticlassPredictionTransformer<");
        Assert.AreEqual("MaximumEntropyModelParameters", runs[0].Config["model"]);
    }

    [TestMethod]
    public void Regression_cross_validation_logs_every_regression_metric()
    {
        using var store = new TempStore();
        var ml = new MLContext(seed: 1);
        var trainer = ml.Regression.Trainers.Sdca(labelColumnName: "Value", featureColumnName: "Features");

        var results = ml.Regression.CrossValidate(SyntheticData.Load(ml), trainer, numberOfFolds: Folds, labelColumnName: "Value", seed: Seed);
        results.LogFolds(new FoldRunOptions { Dir = store.Root, Seed = Seed });

        FoldAssertions.AssertOneRunPerFold(store, results, m => new Dictionary<string, double>
        {
            ["MeanAbsoluteError"] = m.MeanAbsoluteError,
            ["MeanSquaredError"] = m.MeanSquaredError,
            ["RootMeanSquaredError"] = m.RootMeanSquaredError,
            ["LossFunction"] = m.LossFunction,
            ["RSquared"] = m.RSquared,
        }, Seed);
    }

    [TestMethod]
    public void Ranking_cross_validation_logs_ndcg_and_dcg_at_every_cut_off()
    {
        using var store = new TempStore();
        var ml = new MLContext(seed: 1);
        // The row-group column is the split's sampling key, so it must exist before cross-validation.
        var raw = SyntheticData.Load(ml);
        var data = ml.Transforms.Conversion.MapValueToKey("QueryKey", "Query").Fit(raw).Transform(raw);
        var trainer = ml.Ranking.Trainers.FastTree(labelColumnName: "Relevance", featureColumnName: "Features", rowGroupColumnName: "QueryKey", numberOfTrees: 5);

        var results = ml.Ranking.CrossValidate(data, trainer, numberOfFolds: Folds, labelColumnName: "Relevance", rowGroupColumnName: "QueryKey", seed: Seed);
        results.LogFolds(new FoldRunOptions { Dir = store.Root, Seed = Seed });

        FoldAssertions.AssertOneRunPerFold(store, results, m =>
        {
            var expected = new Dictionary<string, double>();
            for (var k = 1; k <= m.NormalizedDiscountedCumulativeGains.Count; k++)
            {
                expected[$"NormalizedDiscountedCumulativeGains@{k}"] = m.NormalizedDiscountedCumulativeGains[k - 1];
                expected[$"DiscountedCumulativeGains@{k}"] = m.DiscountedCumulativeGains[k - 1];
            }

            return expected;
        }, Seed);
    }

    [TestMethod]
    public void Clustering_cross_validation_logs_every_clustering_metric()
    {
        using var store = new TempStore();
        var ml = new MLContext(seed: 1);
        var trainer = ml.Clustering.Trainers.KMeans(featureColumnName: "Features", numberOfClusters: 3);

        var results = ml.Clustering.CrossValidate(SyntheticData.Load(ml), trainer, numberOfFolds: Folds, featuresColumnName: "Features", seed: Seed);
        results.LogFolds(new FoldRunOptions { Dir = store.Root, Seed = Seed });

        FoldAssertions.AssertOneRunPerFold(store, results, m => new Dictionary<string, double>
        {
            ["AverageDistance"] = m.AverageDistance,
            ["DaviesBouldinIndex"] = m.DaviesBouldinIndex,
            ["NormalizedMutualInformation"] = m.NormalizedMutualInformation,
        }, Seed);
    }

    [TestMethod]
    public void Folds_logged_one_at_a_time_in_parallel_share_the_group_they_are_given()
    {
        using var store = new TempStore();
        var ml = new MLContext(seed: 1);
        var data = SyntheticData.Load(ml);
        var splits = ml.Data.CrossValidationSplit(data, numberOfFolds: Folds, seed: Seed);
        var expected = new double[Folds];

        // The shape of one-process-per-fold training: each worker trains and evaluates its fold and logs it alone.
        Parallel.For(0, Folds, fold =>
        {
            var local = new MLContext(seed: fold);
            var model = local.BinaryClassification.Trainers.SdcaLogisticRegression(featureColumnName: "Features", labelColumnName: "Label").Fit(splits[fold].TrainSet);
            var metrics = local.BinaryClassification.Evaluate(model.Transform(splits[fold].TestSet));
            expected[fold] = metrics.Accuracy;
            FoldRuns.LogFold(fold, metrics, new FoldRunOptions { Dir = store.Root, Group = "parallel-cv", Seed = Seed }, model);
        });

        var runs = store.Runs();
        Assert.HasCount(Folds, runs);
        Assert.IsTrue(runs.All(r => r.Group == "parallel-cv" && r.JobType == "fold"));
        for (var fold = 0; fold < Folds; fold++)
        {
            var run = runs.Single(r => Convert.ToInt64(r.Config["fold"], CultureInfo.InvariantCulture) == fold);
            Assert.AreEqual(expected[fold], Convert.ToDouble(run.Summary["Accuracy"], CultureInfo.InvariantCulture), 1e-12);
        }
    }

    [TestMethod]
    public void Shared_config_reaches_every_fold_run()
    {
        using var store = new TempStore();
        var ml = new MLContext(seed: 1);
        var trainer = ml.BinaryClassification.Trainers.SdcaLogisticRegression(featureColumnName: "Features", labelColumnName: "Label");
        var results = ml.BinaryClassification.CrossValidate(SyntheticData.Load(ml), trainer, numberOfFolds: Folds, seed: Seed);

        var options = new FoldRunOptions { Dir = store.Root, Group = "shared" };
        options.Config["learning_rate"] = 0.25;
        var runs = results.LogFolds(options);

        Assert.HasCount(Folds, runs);
        Assert.IsTrue(store.Runs().All(r => Convert.ToDouble(r.Config["learning_rate"], CultureInfo.InvariantCulture) == 0.25 && r.Group == "shared"));
    }

    [TestMethod]
    public void A_non_metrics_object_is_rejected_with_its_type_named()
    {
        using var store = new TempStore();
        var error = Assert.ThrowsExactly<ArgumentException>(() => FoldRuns.LogFold(0, "not metrics", new FoldRunOptions { Dir = store.Root }));
        StringAssert.Contains(error.Message, "System.String");
    }
}
