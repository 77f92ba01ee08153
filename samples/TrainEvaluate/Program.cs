// Sample 2: a training process and an evaluation process that share one group.
//   train    --epochs 10 --model PATH   one history row per epoch (validation metrics), model saved to PATH
//   evaluate --model PATH               loads the model and puts the test metrics in the summary
using Microsoft.ML;
using Microsoft.ML.Trainers;
using Samples.Shared;
using Wandb;
using Wandb.MLNet;

var mode = args.Length > 0 ? args[0] : "train";
var modelPath = Option("--model", Path.Combine(AppContext.BaseDirectory, "churn-model.zip"));
var ml = new MLContext(seed: 0);
var all = ml.Data.LoadFromEnumerable(ChurnData.Generate(rows: 1500, seed: 7));
var split = ml.Data.TrainTestSplit(all, testFraction: 0.2, seed: 3);

// Launched by the Train or Evaluate target, this attaches to that target's run (WANDB_RUN_ID).
using var run = Run.Init(new RunOptions { JobType = mode == "train" ? "Train" : "Evaluate" });

if (mode == "train")
{
    var epochs = int.Parse(Option("--epochs", "10"));
    var trainValid = ml.Data.TrainTestSplit(split.TrainSet, testFraction: 0.2, seed: 5);
    var features = ml.Transforms.Concatenate("Features", ChurnData.FeatureColumns).Append(ml.Transforms.NormalizeMinMax("Features"));
    var featurizer = features.Fit(trainValid.TrainSet);
    var train = featurizer.Transform(trainValid.TrainSet);
    var valid = featurizer.Transform(trainValid.TestSet);
    run.Config["trainer"] = TrainerConfig.FromOptions(new AveragedPerceptronTrainer.Options { NumberOfIterations = epochs });

    // ML.NET's linear trainers log no curve, so train in a loop, one more epoch each time, and log each step.
    ITransformer? model = null;
    for (var epoch = 1; epoch <= epochs; epoch++)
    {
        var trainer = ml.BinaryClassification.Trainers.AveragedPerceptron(new AveragedPerceptronTrainer.Options { NumberOfIterations = epoch });
        var fitted = trainer.Fit(train);
        run.LogMetrics(ml.BinaryClassification.EvaluateNonCalibrated(fitted.Transform(valid)), step: epoch, prefix: "valid");
        model = featurizer.Append(fitted);
    }

    Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(modelPath))!);
    ml.Model.Save(model!, all.Schema, modelPath);
    run.Config.Update(TrainerConfig.DescribeModel(model!));
    Console.WriteLine($"run {run.Id}: trained {epochs} epochs, model saved to {modelPath}");
}
else
{
    var model = ml.Model.Load(modelPath, out _);
    var metrics = ml.BinaryClassification.EvaluateNonCalibrated(model.Transform(split.TestSet));
    run.SummarizeMetrics(metrics, prefix: "test");
    Console.WriteLine($"run {run.Id}: test accuracy {metrics.Accuracy:F3}, AUC {metrics.AreaUnderRocCurve:F3} (group {run.Group})");
}

string Option(string name, string fallback)
{
    var index = Array.IndexOf(args, name);
    return index >= 0 && index + 1 < args.Length ? args[index + 1] : fallback;
}
