using Microsoft.ML;
using Wandb.Diagnostics;

namespace Wandb.MLNet;

/// <summary>Connects an <see cref="MLContext"/> to a run.</summary>
public static class MLContextExtensions
{
    /// <summary>
    /// Copies <c>MLContext.Log</c> messages of Info and above into the run's output log
    /// (<c>runs/&lt;id&gt;/&lt;writer&gt;.output.log</c>) and turns FastTree's periodic evaluation messages
    /// (set the trainer's <c>TestFrequency</c>) into history rows. Dispose the result to stop.
    /// </summary>
    /// <example>
    /// <code>
    /// using var run = Run.Init(new RunOptions { JobType = "train" });
    /// using var capture = ml.CaptureTo(run, new MLContextCaptureOptions { TestFrequency = 5, NumberOfTrees = 100 });
    /// var model = trainer.Fit(train, validation);
    /// </code>
    /// </example>
    public static MLContextCapture CaptureTo(this MLContext mlContext, Run run, MLContextCaptureOptions? options = null)
    {
        if (mlContext is null)
        {
            throw new ArgumentNullException(nameof(mlContext));
        }

        if (run is null)
        {
            throw new ArgumentNullException(nameof(run));
        }

        return new MLContextCapture(mlContext, run, options ?? new MLContextCaptureOptions(), ConsoleOutput.Instance);
    }
}
