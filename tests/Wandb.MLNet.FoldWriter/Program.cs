// Usage: Wandb.MLNet.FoldWriter <fold> <folds> <seed> <store dir>
// Trains fold <fold> of a <folds>-fold split of the shared synthetic data, logs it with FoldRuns.LogFold
// (group from WANDB_RUN_GROUP, as every process of a CI matrix would get it) and prints "<fold> <accuracy:R>".
using System.Globalization;
using Microsoft.ML;
using Microsoft.ML.Data;
using Wandb.MLNet;

var fold = int.Parse(args[0], CultureInfo.InvariantCulture);
var folds = int.Parse(args[1], CultureInfo.InvariantCulture);
var seed = int.Parse(args[2], CultureInfo.InvariantCulture);
var ml = new MLContext(seed: 1);
var random = new Random(1);
var rows = Enumerable.Range(0, 300).Select(_ =>
{
    var features = new[] { (float)random.NextDouble(), (float)random.NextDouble(), (float)random.NextDouble() };
    return new Row { Features = features, Label = features[0] + features[1] + (0.3 * (random.NextDouble() - 0.5)) > 1 };
}).ToList();
var split = ml.Data.CrossValidationSplit(ml.Data.LoadFromEnumerable(rows), numberOfFolds: folds, seed: seed)[fold];
var model = ml.BinaryClassification.Trainers.SdcaLogisticRegression().Fit(split.TrainSet);
var metrics = ml.BinaryClassification.Evaluate(model.Transform(split.TestSet));
FoldRuns.LogFold(fold, metrics, new FoldRunOptions { Dir = args[3], Seed = seed }, model);
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{fold} {metrics.Accuracy:R}"));

internal sealed class Row
{
    [VectorType(3)]
    public float[] Features { get; set; } = Array.Empty<float>();

    public bool Label { get; set; }
}
