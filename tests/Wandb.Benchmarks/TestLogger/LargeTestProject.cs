using System.Text;

namespace Wandb.Benchmarks.TestLogger;

/// <summary>
/// Writes an MSTest project (VSTest mode) with <c>classes x methods x rows</c> test results that references a
/// freshly packed Wandb.Sdk: half data-row tests, half plain tests, all passing and nearly instant, so the
/// measurement is dominated by the test platform and the logger rather than by the tests.
/// </summary>
internal static class LargeTestProject
{
    public static void Write(string directory, string feed, string version, int classes, int methods, int rows)
    {
        File.WriteAllText(Path.Combine(directory, "nuget.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <clear />
                <add key="local" value="{feed}" />
                <add key="nuget.org" value="https://api.nuget.org/v3/index.json" />
              </packageSources>
            </configuration>
            """);
        foreach (var name in new[] { "Directory.Build.props", "Directory.Build.targets", "Directory.Packages.props" })
        {
            File.WriteAllText(Path.Combine(directory, name), "<Project />");
        }

        File.WriteAllText(Path.Combine(directory, "Large.Tests.csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <TargetFramework>net10.0</TargetFramework>
                <IsTestProject>true</IsTestProject>
                <Nullable>enable</Nullable>
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="Wandb.Sdk" Version="{version}" />
                <PackageReference Include="MSTest.TestFramework" Version="4.5.2" />
                <PackageReference Include="MSTest.TestAdapter" Version="4.5.2" />
                <PackageReference Include="Microsoft.NET.Test.Sdk" Version="18.11.0" />
              </ItemGroup>
            </Project>
            """);
        for (var c = 0; c < classes; c++)
        {
            var source = new StringBuilder();
            source.AppendLine("using Microsoft.VisualStudio.TestTools.UnitTesting;");
            source.AppendLine("namespace Large.Tests;");
            source.AppendLine("[TestClass]");
            source.AppendLine($"public sealed class Suite{c}");
            source.AppendLine("{");
            for (var m = 0; m < methods; m++)
            {
                source.AppendLine("    [TestMethod]");
                for (var r = 0; r < rows; r++)
                {
                    source.AppendLine($"    [DataRow({r}, {m})]");
                }

                source.AppendLine($"    public void Fold{m}(int fold, int seed) => Assert.IsGreaterThanOrEqualTo(0, fold + seed);");
            }

            source.AppendLine("}");
            File.WriteAllText(Path.Combine(directory, $"Suite{c}.cs"), source.ToString());
        }
    }
}
