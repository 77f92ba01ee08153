using Wandb.TestLogger.Tests.Fakes;

namespace Wandb.TestLogger.Tests.Reporting;

[TestClass]
public sealed class RetentionParameterTests
{
    [TestMethod]
    public void Retention_parameters_set_the_policy_of_the_reports_refreshed_at_the_end()
    {
        using var harness = new ReporterHarness();
        var reporter = harness.Start("retention_days=30;retention_groups=20;retention_dry_run=true");

        reporter.Record(ReporterHarness.Result("Train", "Train"));
        reporter.Complete();

        var policy = harness.ReportCalls.Single().Retention;
        Assert.IsNotNull(policy);
        Assert.AreEqual((30, 20, true), (policy.KeepDays, policy.KeepGroups, policy.DryRun));
        Assert.IsEmpty(harness.Output.Warnings, string.Join("\n", harness.Output.Lines));
    }

    [TestMethod]
    public void Without_the_parameters_nothing_is_ever_deleted()
    {
        using var harness = new ReporterHarness();
        var reporter = harness.Start("retention_dry_run=true");

        reporter.Record(ReporterHarness.Result("Train", "Train"));
        reporter.Complete();

        Assert.IsNull(harness.ReportCalls.Single().Retention, "a dry run alone sets no limit");
    }

    [TestMethod]
    [DataRow("retention_groups=0", "'retention_groups'", "'0'")]
    [DataRow("retention_days=a week", "'retention_days'", "'a week'")]
    [DataRow("retention_groups=5;retention_dry_run=maybe", "'retention_dry_run'", "'maybe'")]
    public void A_bad_retention_value_is_named_in_a_warning_and_nothing_is_deleted(string parameters, string name, string value)
    {
        using var harness = new ReporterHarness();
        var reporter = harness.Start(parameters);

        reporter.Record(ReporterHarness.Result("Train", "Train"));
        reporter.Complete();

        var warning = harness.Output.WarningsWith("WANDB057").Single();
        StringAssert.Contains(warning, name);
        StringAssert.Contains(warning, value);
        StringAssert.Contains(warning, "no runs are deleted");
        Assert.IsNull(harness.ReportCalls.Single().Retention);
        Assert.AreEqual(1, harness.OpenStore().ListRuns().Count(), "The test run is recorded as usual.");
    }
}
