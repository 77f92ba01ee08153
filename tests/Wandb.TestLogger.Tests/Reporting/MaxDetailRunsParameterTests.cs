using Wandb.Reports;
using Wandb.TestLogger.Tests.Fakes;

namespace Wandb.TestLogger.Tests.Reporting;

[TestClass]
public sealed class MaxDetailRunsParameterTests
{
    [TestMethod]
    public void Max_detail_runs_sets_the_budget_of_the_reports_refreshed_at_the_end()
    {
        using var harness = new ReporterHarness();
        var reporter = harness.Start("max_detail_runs=500");

        reporter.Record(ReporterHarness.Result("Train", "Train"));
        reporter.Complete();

        Assert.AreEqual(500, harness.ReportCalls.Single().MaxDetailRuns);
        Assert.IsEmpty(harness.Output.Warnings, string.Join("\n", harness.Output.Lines));
    }

    [TestMethod]
    public void Without_the_parameter_the_reports_keep_their_default_budget()
    {
        using var harness = new ReporterHarness();
        var reporter = harness.Start();

        reporter.Record(ReporterHarness.Result("Train", "Train"));
        reporter.Complete();

        Assert.AreEqual(ReportOptions.DefaultMaxDetailRuns, harness.ReportCalls.Single().MaxDetailRuns);
    }

    [TestMethod]
    [DataRow("0")]
    [DataRow("lots")]
    public void A_bad_max_detail_runs_is_named_in_a_warning_and_the_default_is_used(string value)
    {
        using var harness = new ReporterHarness();
        var reporter = harness.Start("max_detail_runs=" + value);

        reporter.Record(ReporterHarness.Result("Train", "Train"));
        reporter.Complete();

        var warning = harness.Output.WarningsWith("WANDB057").Single();
        StringAssert.Contains(warning, "'max_detail_runs'");
        StringAssert.Contains(warning, $"'{value}'");
        Assert.AreEqual(ReportOptions.DefaultMaxDetailRuns, harness.ReportCalls.Single().MaxDetailRuns);
        Assert.AreEqual(1, harness.OpenStore().ListRuns().Count(), "The test run is recorded as usual.");
    }
}
