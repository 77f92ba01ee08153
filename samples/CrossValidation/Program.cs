// Sample 1: k-fold cross-validation repeated over seeds, and a FastTree learning curve.
//   cv    --folds 5 --seeds 1,2,3   one run per fold and seed (job_type "fold"), all in one group
//   train --trees 60                the run's history gets FastTree's train/valid metrics every 10 trees
using Microsoft.ML;
using Microsoft.ML.Trainers.FastTree;
using Samples.Shared;
using Wandb;
using Wandb.MLNet;

var mode = args.Length > 0 ? args[0] : "cv";
var ml = new MLContext(seed: 0);
var data = ml.Data.LoadFromEnumerable(ChurnData.Generate(rows: 1000, seed: 42));
var features = ml.Transforms.Concatenate("Features", ChurnData.FeatureColumns).Append(ml.Transforms.NormalizeMinMax("Features"));

// Inside `dotnet build -t:CrossValidate` this attaches to the target's run; run directly it creates one.
using var run = Run.Init(new RunOptions { JobType = mode == "cv" ? "CrossValidate" : "Train" });

if (mode == "cv")
{
    var folds = int.Parse(Option("--folds", "5"));
    var seeds = Option("--seeds", "1,2,3").Split(',').Select(int.Parse).ToList();
    var options = new Microsoft.ML.Trainers.SdcaLogisticRegressionBinaryTrainer.Options { MaximumNumberOfIterations = 20 };
    var pipeline = features.Append(ml.BinaryClassification.Trainers.SdcaLogisticRegression(options));
    var aucs = new List<double>();
    foreach (var seed in seeds)
    {
        var results = ml.BinaryClassification.CrossValidate(data, pipeline, numberOfFolds: folds, seed: seed);
        var foldOptions = new FoldRunOptions { Group = run.Group, Seed = seed };
        foldOptions.Config["trainer"] = TrainerConfig.FromOptions(options);
        results.LogFolds(foldOptions);
        aucs.AddRange(results.Select(r => r.Metrics.AreaUnderRocCurve));
        Console.WriteLine($"seed {seed}: AUC per fold {string.Join(", ", results.Select(r => r.Metrics.AreaUnderRocCurve.ToString("F3")))}");
    }

    var mean = aucs.Average();
    run.Summary["auc_mean"] = mean;
    run.Summary["auc_std"] = Math.Sqrt(aucs.Sum(a => (a - mean) * (a - mean)) / (aucs.Count - 1));
    Console.WriteLine($"{aucs.Count} fold runs in group {run.Group}: AUC {mean:F3}");
}
else
{
    var trees = int.Parse(Option("--trees", "60"));
    var split = ml.Data.TrainTestSplit(data, testFraction: 0.2, seed: 1);
    var options = new FastTreeBinaryTrainer.Options { NumberOfTrees = trees, NumberOfLeaves = 8, TestFrequency = 10 };
    run.Config["trainer"] = TrainerConfig.FromOptions(options);

    var featurizer = features.Fit(split.TrainSet);
    var train = featurizer.Transform(split.TrainSet);
    var valid = featurizer.Transform(split.TestSet);
    using (ml.CaptureTo(run, new MLContextCaptureOptions { TestFrequency = options.TestFrequency, NumberOfTrees = options.NumberOfTrees }))
    {
        var model = ml.BinaryClassification.Trainers.FastTree(options).Fit(train, valid);
        run.SummarizeMetrics(ml.BinaryClassification.Evaluate(model.Transform(valid)), prefix: "valid");
    }

    Console.WriteLine($"run {run.Id}: learning curve of {trees} trees logged every {options.TestFrequency} trees");
}

string Option(string name, string fallback)
{
    var index = Array.IndexOf(args, name);
    return index >= 0 && index + 1 < args.Length ? args[index + 1] : fallback;
}
