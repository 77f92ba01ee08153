namespace Wandb.EndToEnd.Tests.TestLogger;

/// <summary>
/// What Humanizer's suite showed: one method name in two classes (<c>BytesTests.HumanizesBytes</c> and
/// <c>SizeTests.HumanizesBytes</c>), one of them failing when asked to, beside eleven passing methods whose
/// names sort before it (so an alphabetical summary cut at ten would hide it). The passing one logs a metric
/// through a plain <c>Run.Init()</c>, another through <c>WandbTest.Init(TestContext)</c>: both must join the run
/// the logger records for them, whatever the job type format.
/// </summary>
internal static class HumanizerLikeProject
{
    public const string FailureMessage = "Expected \"1 KB\" but got \"1024 B\"";

    /// <summary>The failing test's body: the message above, then a second line the summary leaves out.</summary>
    private const string FailingStatement = """Assert.Fail("Expected \"1 KB\" but got \"1024 B\"\nsecond line of the message");""";

    /// <param name="failing">Whether <c>BytesTests.HumanizesBytes</c> fails.</param>
    public static string Tests(bool failing) => $$"""
        using Microsoft.VisualStudio.TestTools.UnitTesting;
        using Wandb.Testing;

        namespace Humanize.Tests;

        [TestClass]
        public sealed class BytesTests
        {
            [TestMethod]
            public void HumanizesBytes()
            {
                {{(failing ? FailingStatement : string.Empty)}}
            }
        }

        [TestClass]
        public sealed class SizeTests
        {
            public TestContext TestContext { get; set; } = null!;

            [TestMethod]
            public void HumanizesBytes()
            {
                using var run = Wandb.Run.Init();
                run.Log(new Dictionary<string, double> { ["accuracy"] = 0.9 });
            }

            [TestMethod]
            public void Ordinalizes()
            {
                using var run = WandbTest.Init(TestContext);
                run.Log(new Dictionary<string, double> { ["accuracy"] = 0.8 });
            }
        }

        [TestClass]
        public sealed class AaaTests
        {
            [TestMethod] public void A01() { }
            [TestMethod] public void A02() { }
            [TestMethod] public void A03() { }
            [TestMethod] public void A04() { }
            [TestMethod] public void A05() { }
            [TestMethod] public void A06() { }
            [TestMethod] public void A07() { }
            [TestMethod] public void A08() { }
            [TestMethod] public void A09() { }
            [TestMethod] public void A10() { }
            [TestMethod] public void A11() { }
        }
        """;
}
