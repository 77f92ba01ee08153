using Wandb.TestLogger.TestingPlatform;

namespace Wandb.TestLogger.Tests.TestingPlatform;

[TestClass]
public sealed class DotnetTestOutputTests
{
    // What /proc showed for dotnet test's standard output on this machine, per way of running it.

    [TestMethod]
    public void A_pipe_takes_the_lines_as_in_CI_logs_and_tee()
    {
        Assert.IsTrue(DotnetTestOutput.AcceptsAppendedLines("pipe:[449744]", "pos:\t0\nflags:\t01\nmnt_id:\t16\nino:\t449744\n"));
    }

    [TestMethod]
    public void A_file_opened_for_appending_takes_the_lines()
    {
        Assert.IsTrue(DotnetTestOutput.AcceptsAppendedLines("/tmp/out.txt", "pos:\t75\nflags:\t0102001\nmnt_id:\t27\n"));
    }

    [TestMethod]
    public void A_file_written_in_place_does_not_because_dotnet_test_would_overwrite_them()
    {
        Assert.IsFalse(DotnetTestOutput.AcceptsAppendedLines("/tmp/out.txt", "pos:\t75\nflags:\t0100001\nmnt_id:\t27\n"));
    }

    [TestMethod]
    [DataRow("/dev/pts/3")]
    [DataRow("/dev/tty1")]
    [DataRow("socket:[1234]")]
    [DataRow("anon_inode:[eventfd]")]
    public void A_terminal_or_anything_unknown_does_not(string target)
    {
        Assert.IsFalse(DotnetTestOutput.AcceptsAppendedLines(target, "pos:\t0\nflags:\t0102002\n"));
    }
}
