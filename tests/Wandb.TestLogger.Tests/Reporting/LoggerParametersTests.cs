using Wandb.TestLogger.Reporting;

namespace Wandb.TestLogger.Tests.Reporting;

[TestClass]
public sealed class LoggerParametersTests
{
    [TestMethod]
    public void Known_parameters_are_read_whatever_their_case()
    {
        var parameters = LoggerParameters.Parse(ParameterText.Split("Project=churn; group = nightly ;DIR=/runs;mode=offline;Store=Host=db"));

        Assert.AreEqual("Host=db", parameters.Store);
        Assert.AreEqual("churn", parameters.Project);
        Assert.AreEqual("nightly", parameters.Group);
        Assert.AreEqual("/runs", parameters.Dir);
        Assert.AreEqual("offline", parameters.Mode);
        Assert.IsEmpty(parameters.Unknown);
    }

    [TestMethod]
    public void Parameters_vstest_adds_itself_are_not_reported_as_unknown()
    {
        var parameters = LoggerParameters.Parse(new Dictionary<string, string?>
        {
            ["TestRunDirectory"] = "/tmp/TestResults",
            ["TargetFramework"] = ".NETCoreApp,Version=v10.0",
            ["grup"] = "typo",
        });

        CollectionAssert.AreEqual(new[] { "grup" }, parameters.Unknown.ToArray());
    }
}
