using Wandb.EndToEnd.Tests.Infrastructure;

namespace Wandb.EndToEnd.Tests.TestLogger;

/// <summary>
/// One test project per framework on its real VSTest adapter, each with the same data-driven test
/// <c>Train(0, 0.1, 1L, null, "a, b")</c> (the literal forms that came out as strings before), a category or
/// trait <c>slow</c>, and a data-driven test that sleeps 250 ms (the durations xUnit reported as 0 s).
/// </summary>
internal static class FrameworkProjects
{
    public const string Xunit = "Models.Xunit";
    public const string NUnit = "Models.NUnit";
    public const string MSTest = "Models.MSTest";

    public static readonly string[] All = { Xunit, NUnit, MSTest };

    /// <summary>The sleep of the duration test, in milliseconds.</summary>
    public const int SleepMilliseconds = 250;

    public static void Write(TestWorkspace workspace)
    {
        WriteProject(workspace, Xunit, """
            <PackageReference Include="xunit" Version="2.9.3" />
            <PackageReference Include="xunit.runner.visualstudio" Version="3.1.5" />
            """, $$"""
            using Xunit;
            namespace {{Xunit}};
            public class TrainTests
            {
                [Theory]
                [InlineData(0, 0.1, 1L, null, "a, b")]
                [Trait("category", "slow")]
                public void Train(int fold, double learningRate, long steps, string? tag, string name) => Assert.Equal("a, b", name);

                [Theory]
                [InlineData({{SleepMilliseconds}})]
                public void Sleeps(int milliseconds) => Thread.Sleep(milliseconds);
            }
            """);
        WriteProject(workspace, NUnit, """
            <PackageReference Include="NUnit" Version="4.4.0" />
            <PackageReference Include="NUnit3TestAdapter" Version="5.2.0" />
            """, $$"""
            using NUnit.Framework;
            namespace {{NUnit}};
            public class TrainTests
            {
                [TestCase(0, 0.1, 1L, null, "a, b")]
                [Category("slow")]
                public void Train(int fold, double learningRate, long steps, string? tag, string name) => Assert.That(name, Is.EqualTo("a, b"));

                [TestCase({{SleepMilliseconds}})]
                public void Sleeps(int milliseconds) => Thread.Sleep(milliseconds);
            }
            """);
        WriteProject(workspace, MSTest, """
            <PackageReference Include="MSTest.TestFramework" Version="4.5.2" />
            <PackageReference Include="MSTest.TestAdapter" Version="4.5.2" />
            """, $$"""
            using Microsoft.VisualStudio.TestTools.UnitTesting;
            namespace {{MSTest}};
            [TestClass]
            public sealed class TrainTests
            {
                [TestMethod]
                [DataRow(0, 0.1, 1L, null, "a, b")]
                [TestCategory("slow")]
                public void Train(int fold, double learningRate, long steps, string? tag, string name) => Assert.AreEqual("a, b", name);

                [TestMethod]
                [DataRow({{SleepMilliseconds}})]
                public void Sleeps(int milliseconds) => Thread.Sleep(milliseconds);
            }
            """);
    }

    private static void WriteProject(TestWorkspace workspace, string name, string packages, string tests)
    {
        workspace.WriteProject(
            name,
            outputType: "Library",
            extraProperties: "<IsTestProject>true</IsTestProject>",
            extraItems: packages + "\n<PackageReference Include=\"Microsoft.NET.Test.Sdk\" Version=\"18.11.0\" />");
        workspace.WriteFile($"{name}/TrainTests.cs", tests);
    }
}
