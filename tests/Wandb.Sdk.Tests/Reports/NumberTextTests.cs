using System.Reflection;
using Newtonsoft.Json.Linq;
using Wandb.Reports;

namespace Wandb.Sdk.Tests.Reports;

[TestClass]
public sealed class NumberTextTests
{
    private static string RepositoryRoot =>
        typeof(NumberTextTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "RepositoryRoot").Value!;

    [TestMethod]
    public void Durations_read_as_the_report_page_writes_them_from_microseconds_to_hours()
    {
        // The same cases the page's tests check formatDuration with (values.test.js): the console, summary.md and the
        // CLI must never show a duration otherwise than the HTML report does.
        var shared = JObject.Parse(File.ReadAllText(Path.Combine(RepositoryRoot, "src", "Sdk", "Reports", "Html", "web", "test", "durations.json")));
        var cases = shared["cases"]!.Select(c => (Seconds: c[0]!.Value<double>(), Text: c[1]!.Value<string>()!)).ToList();
        Assert.IsTrue(cases.Count >= 10, "the shared cases were read");

        CollectionAssert.AreEqual(cases.Select(c => c.Text).ToList(), cases.Select(c => NumberText.Duration(c.Seconds)).ToList());
    }

    [TestMethod]
    public void A_negative_or_undefined_duration_is_a_dash()
    {
        Assert.AreEqual("-", NumberText.Duration(-1.0));
        Assert.AreEqual("-", NumberText.Duration(double.NaN));
        Assert.AreEqual("-12.3 ms", NumberText.SignedDuration(-0.0123));
    }
}
