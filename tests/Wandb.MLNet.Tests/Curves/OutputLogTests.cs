using Microsoft.ML;
using Microsoft.ML.Runtime;
using Wandb.MLNet.Tests.Infrastructure;

namespace Wandb.MLNet.Tests.Curves;

[TestClass]
public sealed class OutputLogTests
{
    [TestMethod]
    public void Info_and_warning_messages_of_ml_context_land_in_the_writers_output_log()
    {
        using var store = new TempStore();
        var ml = new MLContext(seed: 1);
        string path;
        using (var run = Run.Init(new RunOptions { Dir = store.Root }))
        {
            using var capture = ml.CaptureTo(run);
            ml.BinaryClassification.Trainers.SdcaLogisticRegression(featureColumnName: "Features", labelColumnName: "Label").Fit(SyntheticData.Load(ml));
            path = capture.OutputLogPath!;
            Assert.AreEqual(Path.Combine(store.Root, "runs", run.Id, run.WriterId + ".output.log"), path);
            Assert.IsGreaterThan(0, capture.MessagesWritten);
        }

        var lines = File.ReadAllLines(path);
        Assert.IsTrue(lines.Any(l => l.Contains("[Info] SdcaTrainerBase; Training: Using best model from iteration", StringComparison.Ordinal)), string.Join("\n", lines));
        Assert.IsFalse(lines.Any(l => l.Contains("[Trace]", StringComparison.Ordinal)), "trace messages are below the default minimum");
    }

    [TestMethod]
    public void Messages_after_dispose_are_not_copied()
    {
        using var store = new TempStore();
        var ml = new MLContext(seed: 1);
        using var run = Run.Init(new RunOptions { Dir = store.Root });
        var capture = ml.CaptureTo(run, new MLContextCaptureOptions { MinimumKind = ChannelMessageKind.Warning });
        capture.Dispose();

        ml.BinaryClassification.Trainers.SdcaLogisticRegression(featureColumnName: "Features", labelColumnName: "Label").Fit(SyntheticData.Load(ml));

        Assert.AreEqual(0, capture.MessagesWritten);
        Assert.IsFalse(File.Exists(capture.OutputLogPath!));
    }
}
