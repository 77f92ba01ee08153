using Wandb.EndToEnd.Tests.Infrastructure;

namespace Wandb.EndToEnd.Tests.TestLogger;

/// <summary>
/// The consumer test project the logger tests run: a cross-validation test over 5 folds x 2 seeds that logs
/// through a plain <c>Run.Init()</c> (the data row is found through MSTest's current test context), an
/// evaluation test (job type set through a test property), a failing test, and two tests that log per-step
/// metrics through the SDK: one opens its run with the MSTest helper, one with a plain <c>Run.Init()</c>.
/// </summary>
internal static class MlTestProject
{
    public const string Tests = """
        using Microsoft.VisualStudio.TestTools.UnitTesting;
        using Wandb.Testing;

        namespace Churn.Tests;

        [TestClass]
        public sealed class ModelTests
        {
            public TestContext TestContext { get; set; } = null!;

            [TestMethod]
            [DataRow(0, 1)] [DataRow(1, 1)] [DataRow(2, 1)] [DataRow(3, 1)] [DataRow(4, 1)]
            [DataRow(0, 2)] [DataRow(1, 2)] [DataRow(2, 2)] [DataRow(3, 2)] [DataRow(4, 2)]
            public void CrossValidate(int fold, int seed)
            {
                using var run = Wandb.Run.Init();
                run.Log(new Dictionary<string, double> { ["auc"] = 0.8 + fold / 100.0 });
                Assert.IsGreaterThanOrEqualTo(0, fold * seed);
            }

            [TestMethod]
            [TestProperty("wandb.job_type", "eval")]
            public void Evaluate() => Assert.AreEqual(4, 2 + 2);

            [TestMethod]
            public void Regression() => Assert.Fail("accuracy 0.41 is below 0.80");

            [TestMethod]
            public void Training()
            {
                using var run = WandbTest.Init(TestContext);
                for (var step = 0; step < 5; step++)
                {
                    run.Log(new Dictionary<string, double> { ["loss"] = 1.0 / (step + 1) });
                }
            }

            [TestMethod]
            public void Tuning()
            {
                using var run = Wandb.Run.Init();
                run.Log(new Dictionary<string, double> { ["auc"] = 0.7 });
                run.Log(new Dictionary<string, double> { ["auc"] = 0.9 });
            }
        }
        """;

    /// <summary>An MSTest project in VSTest mode (MSTest 4.5.2, Microsoft.NET.Test.Sdk 18.11.0) with these tests.</summary>
    public static void WriteVsTest(TestWorkspace workspace, string name)
    {
        WriteVsTestProjectFile(workspace, name);
        workspace.WriteFile($"{name}/ModelTests.cs", Tests);
    }

    /// <summary>The project file alone of an MSTest project in VSTest mode that references Wandb.Sdk.</summary>
    public static void WriteVsTestProjectFile(TestWorkspace workspace, string name) =>
        workspace.WriteProject(
            name,
            outputType: "Library",
            extraProperties: "<IsTestProject>true</IsTestProject>",
            extraItems: """
                <PackageReference Include="MSTest.TestFramework" Version="4.5.2" />
                <PackageReference Include="MSTest.TestAdapter" Version="4.5.2" />
                <PackageReference Include="Microsoft.NET.Test.Sdk" Version="18.11.0" />
                """);

    /// <summary>The same tests on MSTest.Sdk, which runs on Microsoft.Testing.Platform (global.json opts dotnet test in).</summary>
    public static void WriteTestingPlatform(TestWorkspace workspace, string name)
    {
        WriteTestingPlatformProjectFile(workspace, name);
        workspace.WriteFile($"{name}/ModelTests.cs", Tests);
    }

    /// <summary>The project file alone of an MSTest.Sdk project that references Wandb.Sdk, and the global.json that runs it on the platform.</summary>
    public static void WriteTestingPlatformProjectFile(TestWorkspace workspace, string name)
    {
        workspace.WriteFile("global.json", """{ "test": { "runner": "Microsoft.Testing.Platform" } }""");
        workspace.WriteFile($"{name}/{name}.csproj", $"""
            <Project Sdk="MSTest.Sdk/4.5.2">
              <PropertyGroup>
                <TargetFramework>net10.0</TargetFramework>
                <ImplicitUsings>enable</ImplicitUsings>
                <Nullable>enable</Nullable>
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="Wandb.Sdk" Version="{PackageFeed.Version}" />
              </ItemGroup>
            </Project>
            """);
    }
}
