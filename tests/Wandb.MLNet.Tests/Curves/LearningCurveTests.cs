using Microsoft.ML;
using Microsoft.ML.Trainers.FastTree;
using Wandb.MLNet.Tests.Infrastructure;

namespace Wandb.MLNet.Tests.Curves;

[TestClass]
public sealed class LearningCurveTests
{
    [TestMethod]
    public void A_fast_tree_learning_curve_arrives_as_history_with_the_tree_count_of_each_row()
    {
        using var store = new TempStore();
        var ml = new MLContext(seed: 1);
        var split = ml.Data.TrainTestSplit(SyntheticData.Load(ml, rows: 400), testFraction: 0.25, seed: 1);
        var options = new FastTreeBinaryTrainer.Options { NumberOfTrees = 5, TestFrequency = 2, LabelColumnName = "Label", FeatureColumnName = "Features" };

        string runId;
        using (var run = Run.Init(new RunOptions { Dir = store.Root, JobType = "train" }))
        {
            runId = run.Id;
            using var capture = ml.CaptureTo(run, new MLContextCaptureOptions { TestFrequency = options.TestFrequency, NumberOfTrees = options.NumberOfTrees });
            ml.BinaryClassification.Trainers.FastTree(options).Fit(split.TrainSet, split.TestSet);
            Assert.AreEqual(3, capture.CurveRows);
        }

        var history = store.Reader().ReadHistory(runId).ToList();
        Assert.HasCount(3, history, "FastTree reports after trees 2 and 4 and after the last tree");
        CollectionAssert.AreEqual(new[] { 2.0, 4.0, 5.0 }, history.Select(r => r.Values["trees"]).ToArray());
        foreach (var key in new[] { "train.ErrorRate", "train.LossRate", "valid.ErrorRate", "valid.LossRate" })
        {
            Assert.IsTrue(history.All(r => r.Values.ContainsKey(key)), $"every row has {key}");
        }

        var trainLoss = history.Select(r => r.Values["train.LossRate"]).ToList();
        Assert.IsTrue(trainLoss[0] > trainLoss[1] && trainLoss[1] > trainLoss[2], $"boosting lowers the training loss: {string.Join(", ", trainLoss)}");
    }

    [TestMethod]
    public void A_regression_fast_tree_curve_carries_l1_and_l2()
    {
        using var store = new TempStore();
        var ml = new MLContext(seed: 1);
        var split = ml.Data.TrainTestSplit(SyntheticData.Load(ml, rows: 300), testFraction: 0.25, seed: 1);

        string runId;
        using (var run = Run.Init(new RunOptions { Dir = store.Root }))
        {
            runId = run.Id;
            using var capture = ml.CaptureTo(run);
            ml.Regression.Trainers.FastTree(new FastTreeRegressionTrainer.Options { NumberOfTrees = 4, TestFrequency = 1, LabelColumnName = "Value", FeatureColumnName = "Features" })
                .Fit(split.TrainSet, split.TestSet);
        }

        var history = store.Reader().ReadHistory(runId).ToList();
        Assert.HasCount(4, history);
        Assert.IsTrue(history.All(r => r.Values.ContainsKey("train.L2") && r.Values.ContainsKey("valid.L1") && !r.Values.ContainsKey("trees")));
    }

    [TestMethod]
    public void Metrics_logged_in_a_growing_tree_count_loop_become_one_history_row_per_step()
    {
        using var store = new TempStore();
        var ml = new MLContext(seed: 1);
        var split = ml.Data.TrainTestSplit(SyntheticData.Load(ml, rows: 300), testFraction: 0.25, seed: 1);
        var expected = new List<double>();

        string runId;
        using (var run = Run.Init(new RunOptions { Dir = store.Root }))
        {
            runId = run.Id;
            foreach (var trees in new[] { 1, 3, 6 })
            {
                var model = ml.BinaryClassification.Trainers.FastTree(labelColumnName: "Label", featureColumnName: "Features", numberOfTrees: trees).Fit(split.TrainSet);
                var metrics = ml.BinaryClassification.Evaluate(model.Transform(split.TestSet));
                expected.Add(metrics.AreaUnderRocCurve);
                run.LogMetrics(metrics, step: trees, prefix: "valid");
            }
        }

        var history = store.Reader().ReadHistory(runId).ToList();
        CollectionAssert.AreEqual(new long[] { 1, 3, 6 }, history.Select(r => r.Step).ToArray());
        CollectionAssert.AreEqual(expected, history.Select(r => r.Values["valid.AreaUnderRocCurve"]).ToList());
        Assert.IsTrue(history.All(r => r.Values.ContainsKey("valid.LogLoss") && r.Values.ContainsKey("valid.PerClassRecall[1]")));
    }
}
