using System.Text.RegularExpressions;
using Wandb.Environment;
using Wandb.Reports;

namespace Wandb.Sdk.Tests.Reports;

[TestClass]
public sealed class ReportRefreshTests
{
    [TestMethod]
    public void The_job_page_is_GitHub_s_step_summary_file_or_Azure_DevOps_and_GitLab_or_no_CI_has_none()
    {
        Assert.AreEqual(new CiJobPage("github", "/runner/summary.md"), CiDetector.JobPage(Variables(("GITHUB_STEP_SUMMARY", "/runner/summary.md"), ("GITHUB_RUN_ID", "42"))));
        Assert.IsNull(CiDetector.JobPage(Variables(("GITHUB_RUN_ID", "42"))), "a GitHub step without a summary file has nowhere to publish");
        Assert.AreEqual(new CiJobPage("azure-devops", null), CiDetector.JobPage(Variables(("TF_BUILD", "True"))));
        Assert.AreEqual(new CiJobPage("azure-devops", null), CiDetector.JobPage(Variables(("BUILD_BUILDID", "7"))));
        Assert.IsNull(CiDetector.JobPage(Variables(("CI_PIPELINE_ID", "99"))));
        Assert.IsNull(CiDetector.JobPage(Variables()));
    }

    [TestMethod]
    public void A_summary_claim_publishes_once_per_store_and_a_refresh_without_one_publishes_every_time()
    {
        using var store = new TempStore();
        store.AddRun("cv-a", "fold-1", new Dictionary<string, object?> { ["accuracy"] = 0.8 });
        var stepSummary = Path.Combine(store.Root, "step-summary.md");
        var github = Variables(("GITHUB_STEP_SUMMARY", stepSummary));
        var refresh = new ReportRefresh(new RecordingOutput(), TextWriter.Null, store.Root);

        refresh.Refresh(store.Reader(), new ReportOptions(), github, summaryClaim: "build01");
        refresh.Refresh(store.Reader(), new ReportOptions(), github, summaryClaim: "build01");
        Assert.AreEqual(1, Published(stepSummary), "the second node of the same build does not publish again");

        refresh.Refresh(store.Reader(), new ReportOptions(), github);
        refresh.Refresh(store.Reader(), new ReportOptions(), github);
        Assert.AreEqual(3, Published(stepSummary), "each test project appends its own");
    }

    [TestMethod]
    public void On_Azure_DevOps_the_upload_command_is_printed_on_a_line_of_its_own()
    {
        using var store = new TempStore();
        store.AddRun("cv-a", "fold-1");
        var console = new StringWriter();

        var result = new ReportRefresh(new RecordingOutput(), console, store.Root).Refresh(store.Reader(), new ReportOptions(), Variables(("TF_BUILD", "True")));

        Assert.AreEqual("##vso[task.uploadsummary]" + result.MarkdownPath + System.Environment.NewLine, console.ToString());
    }

    [TestMethod]
    public void A_store_named_by_a_relative_path_or_with_a_trailing_separator_has_the_same_lock()
    {
        using var store = new TempStore();
        var refresh = new ReportRefresh(new RecordingOutput(), TextWriter.Null, store.Root);
        var relative = Path.GetRelativePath(System.Environment.CurrentDirectory, store.Root) + Path.DirectorySeparatorChar;

        Task<IDisposable> other;
        using (refresh.LockStore(store.Root))
        {
            other = Task.Run(() => refresh.LockStore(relative));
            Assert.IsFalse(other.Wait(TimeSpan.FromMilliseconds(300)), "the second name waits for the lock the first one holds");
        }

        Assert.IsTrue(other.Wait(TimeSpan.FromSeconds(10)));
        other.Result.Dispose();
    }

    private static int Published(string stepSummary) =>
        Regex.Matches(File.ReadAllText(stepSummary), "^# Wandb report", RegexOptions.Multiline).Count;

    private static DictionaryEnvironmentVariables Variables(params (string Name, string Value)[] values) =>
        new(values.ToDictionary(v => v.Name, v => (string?)v.Value));
}
