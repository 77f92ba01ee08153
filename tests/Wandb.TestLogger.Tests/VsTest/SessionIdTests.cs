using Wandb.TestLogger.VsTest;

namespace Wandb.TestLogger.Tests.VsTest;

[TestClass]
public sealed class SessionIdTests
{
    [TestMethod]
    public void The_correlation_id_dotnet_test_passes_to_vstest_console_is_the_session_id()
    {
        var arguments = new[] { "vstest.console.dll", "--logger:wandb", "Tests.dll", "--testSessionCorrelationId:11743_af0ff9a8-cb0f" };

        Assert.AreEqual("11743_af0ff9a8-cb0f", SessionId.FromCommandLine(arguments));
    }

    [TestMethod]
    public void Without_a_correlation_id_there_is_no_session_id()
    {
        Assert.IsNull(SessionId.FromCommandLine(new[] { "vstest.console.dll", "Tests.dll" }));
    }
}
