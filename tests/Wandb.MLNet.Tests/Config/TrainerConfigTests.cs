using System.Collections;
using Microsoft.ML;
using Microsoft.ML.Trainers;
using Microsoft.ML.Trainers.FastTree;
using Wandb.MLNet.Tests.Infrastructure;

namespace Wandb.MLNet.Tests.Config;

[TestClass]
public sealed class TrainerConfigTests
{
    [TestMethod]
    public void Trainer_options_become_config_columns_named_as_in_ml_net()
    {
        var options = new FastTreeBinaryTrainer.Options { NumberOfTrees = 42, LearningRate = 0.125, NumberOfLeaves = 7, LabelColumnName = "Label" };

        var config = TrainerConfig.FromOptions(options);

        Assert.AreEqual("FastTreeBinaryTrainer", config["type"]);
        Assert.AreEqual(42, config["NumberOfTrees"]);
        Assert.AreEqual(0.125, config["LearningRate"]);
        Assert.AreEqual(7, config["NumberOfLeaves"]);
        Assert.AreEqual("Label", config["LabelColumnName"]);
        Assert.AreEqual(options.EarlyStoppingMetric.ToString(), config["EarlyStoppingMetric"]);
    }

    [TestMethod]
    public void Trainer_options_config_is_stored_and_flattened_for_grouping()
    {
        using var store = new TempStore();
        using (var run = Run.Init(new RunOptions { Dir = store.Root }))
        {
            run.Config["trainer"] = TrainerConfig.FromOptions(new SdcaLogisticRegressionBinaryTrainer.Options { L2Regularization = 0.5f, MaximumNumberOfIterations = 9 });
        }

        var flat = store.Runs().Single().FlatConfig;
        Assert.AreEqual("SdcaLogisticRegressionBinaryTrainer", flat["trainer.type"]);
        Assert.AreEqual(0.5, Convert.ToDouble(flat["trainer.L2Regularization"]));
        Assert.AreEqual(9L, Convert.ToInt64(flat["trainer.MaximumNumberOfIterations"]));
    }

    [TestMethod]
    public void A_trainer_built_from_arguments_is_named_but_its_options_are_read_only_when_the_experimental_switch_is_on()
    {
        var ml = new MLContext(seed: 1);
        var trainer = ml.BinaryClassification.Trainers.SdcaLogisticRegression(labelColumnName: "Label", featureColumnName: "Features", l2Regularization: 0.75f);

        var publicOnly = TrainerConfig.FromTrainer(trainer);
        var experimental = TrainerConfig.FromTrainer(trainer, experimentalReadNonPublicOptions: true);

        Assert.AreEqual("SdcaLogisticRegressionBinaryTrainer", publicOnly["type"]);
        Assert.HasCount(1, publicOnly);
        Assert.AreEqual(0.75f, experimental["L2Regularization"]);
        Assert.AreEqual("Label", experimental["LabelColumnName"]);
    }

    [TestMethod]
    public void A_fitted_pipeline_is_described_by_its_transformers_and_model()
    {
        var ml = new MLContext(seed: 1);
        var pipeline = ml.Transforms.NormalizeMinMax("Features")
            .Append(ml.BinaryClassification.Trainers.LbfgsLogisticRegression(labelColumnName: "Label", featureColumnName: "Features"));
        var model = pipeline.Fit(SyntheticData.Load(ml));

        var description = TrainerConfig.DescribeModel(model);

        var steps = ((IEnumerable)description["pipeline"]!).Cast<string>().ToList();
        Assert.HasCount(2, steps);
        Assert.AreEqual("NormalizingTransformer", steps[0]);
        StringAssert.StartsWith(steps[1], "BinaryPredictionTransformer<");
        StringAssert.Contains((string)description["model"]!, "LinearBinaryModelParameters");
    }
}
