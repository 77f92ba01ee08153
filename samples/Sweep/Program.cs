// Sample 3: one point of a learning-rate sweep, measured by 5-fold cross-validation so the comparison
// between learning rates can tell real differences from fold-to-fold noise.
using System.Globalization;
using Microsoft.ML;
using Microsoft.ML.Trainers.FastTree;
using Samples.Shared;
using Wandb;
using Wandb.MLNet;

var learningRate = double.Parse(Option("--learning-rate", "0.1"), CultureInfo.InvariantCulture);
var trees = int.Parse(Option("--trees", "20"), CultureInfo.InvariantCulture);
var ml = new MLContext(seed: 0);
var data = ml.Data.LoadFromEnumerable(ChurnData.Generate(rows: 1000, seed: 11));
var options = new FastTreeBinaryTrainer.Options { LearningRate = learningRate, NumberOfTrees = trees, NumberOfLeaves = 8 };
var pipeline = ml.Transforms.Concatenate("Features", ChurnData.FeatureColumns)
    .Append(ml.BinaryClassification.Trainers.FastTree(options));

using var run = Run.Init(new RunOptions { JobType = "Train" });
var results = ml.BinaryClassification.CrossValidate(data, pipeline, numberOfFolds: 5, seed: 1);

// Same config names as the Train run's (from WandbConfigProperties), so grouping by LearningRate sees both.
var foldOptions = new FoldRunOptions { Group = run.Group, Seed = 1 };
foldOptions.Config["LearningRate"] = learningRate;
foldOptions.Config["Trees"] = trees;
foldOptions.Config["trainer"] = TrainerConfig.FromOptions(options);
results.LogFolds(foldOptions);

var auc = results.Average(r => r.Metrics.AreaUnderRocCurve);
run.Summary["auc_mean"] = auc;
Console.WriteLine($"LearningRate {learningRate}: mean AUC over 5 folds {auc:F3} (group {run.Group})");

string Option(string name, string fallback)
{
    var index = Array.IndexOf(args, name);
    return index >= 0 && index + 1 < args.Length ? args[index + 1] : fallback;
}
