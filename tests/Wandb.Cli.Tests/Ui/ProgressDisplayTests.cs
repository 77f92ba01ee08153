using Wandb.Cli.Terminal;
using Wandb.Environment;

namespace Wandb.Cli.Tests.Ui;

[TestClass]
public sealed class ProgressDisplayTests
{
    [TestMethod]
    public void On_a_terminal_progress_redraws_one_line_and_removes_it_at_the_end()
    {
        var error = new StringWriter();
        var progress = new ProgressDisplay(Context(error, terminal: true));

        progress.Report("Exported 1 run(s)");
        progress.Complete();

        Assert.AreEqual("\rExported 1 run(s)\r                 \r", error.ToString());
    }

    [TestMethod]
    public void Redirected_progress_is_plain_lines_at_most_every_two_seconds_and_the_last_state_at_the_end()
    {
        var error = new StringWriter();
        var progress = new ProgressDisplay(Context(error, terminal: false));

        progress.Report("Imported 1 of 3 file(s)");
        progress.Report("Imported 2 of 3 file(s)");
        progress.Report("Imported 3 of 3 file(s)");
        progress.Complete();

        CollectionAssert.AreEqual(new[] { "Imported 1 of 3 file(s)", "Imported 3 of 3 file(s)" }, error.ToString().Split(System.Environment.NewLine, StringSplitOptions.RemoveEmptyEntries));
    }

    [TestMethod]
    public void In_a_log_of_both_streams_the_last_progress_comes_before_the_result_line()
    {
        var log = new StringWriter();
        var context = new CliContext(log, log, new DictionaryEnvironmentVariables(new Dictionary<string, string?>()), Path.GetTempPath(), errorIsTerminal: false);
        var progress = new ProgressDisplay(context);
        var console = new CliOutput(context) { Progress = progress };

        progress.Report("Exported 1 run(s)");
        progress.Report("Exported 2 run(s)");
        console.Info("Exported 2 run(s) to out.");
        progress.Complete();

        CollectionAssert.AreEqual(new[] { "Exported 1 run(s)", "Exported 2 run(s)", "Exported 2 run(s) to out." }, log.ToString().Split(System.Environment.NewLine, StringSplitOptions.RemoveEmptyEntries));
    }

    private static CliContext Context(TextWriter error, bool terminal) =>
        new(TextWriter.Null, error, new DictionaryEnvironmentVariables(new Dictionary<string, string?>()), Path.GetTempPath(), terminal);
}
