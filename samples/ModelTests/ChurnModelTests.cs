using Microsoft.ML;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using Samples.Shared;
using Wandb.MLNet;
using Wandb.Testing;

namespace ModelTests;

[TestClass]
public sealed class ChurnModelTests
{
    private const int Folds = 5;

    public TestContext TestContext { get; set; } = null!;

    [TestMethod]
    [DataRow(0)]
    [DataRow(1)]
    [DataRow(2)]
    [DataRow(3)]
    [DataRow(4)]
    public void Fold_accuracy_is_stable(int fold)
    {
        var ml = new MLContext(seed: 0);
        var data = ml.Data.LoadFromEnumerable(ChurnData.Generate(rows: 800, seed: 42));
        var split = ml.Data.CrossValidationSplit(data, numberOfFolds: Folds, seed: 1)[fold];

        var metrics = ml.BinaryClassification.Evaluate(Pipeline(ml).Fit(split.TrainSet).Transform(split.TestSet));

        // The logger records this test as a run; WandbTest.Init opens that same run so the metrics land on it.
        using var run = WandbTest.Init(TestContext);
        run.SummarizeMetrics(metrics);
        Assert.IsGreaterThan(0.75, metrics.Accuracy, $"fold {fold}: accuracy {metrics.Accuracy:F3}");
    }

    [TestMethod]
    public void Holdout_accuracy_meets_the_minimum()
    {
        var ml = new MLContext(seed: 0);
        var split = ml.Data.TrainTestSplit(ml.Data.LoadFromEnumerable(ChurnData.Generate(rows: 800, seed: 42)), testFraction: 0.25, seed: 2);

        var metrics = ml.BinaryClassification.Evaluate(Pipeline(ml).Fit(split.TrainSet).Transform(split.TestSet));

        using var run = WandbTest.Init(TestContext);
        run.Config["minimum_accuracy"] = 0.80;
        run.SummarizeMetrics(metrics, prefix: "test");
        Assert.IsGreaterThanOrEqualTo(0.80, metrics.Accuracy, $"accuracy {metrics.Accuracy:F3}");
    }

    private static IEstimator<ITransformer> Pipeline(MLContext ml) =>
        ml.Transforms.Concatenate("Features", ChurnData.FeatureColumns)
            .Append(ml.Transforms.NormalizeMinMax("Features"))
            .Append(ml.BinaryClassification.Trainers.SdcaLogisticRegression(maximumNumberOfIterations: 20));
}
