using System.Collections;
using System.Reflection;

namespace Wandb.Testing;

/// <summary>
/// Reads an MSTest <c>TestContext</c> through its public properties, so the SDK needs no MSTest reference:
/// which test it is (class, method, display name with the data row), its assembly and its
/// <c>wandb.job_type</c> property. Also finds the context of the test running now (<c>TestContext.Current</c>,
/// which MSTest 4 has), which is what lets a plain <c>Run.Init()</c> in a data-driven test find its row.
/// </summary>
internal sealed class MSTestContext
{
    private const string TypeName = "Microsoft.VisualStudio.TestTools.UnitTesting.TestContext";
    private static PropertyInfo? _current;

    private MSTestContext(string fullyQualifiedName, string displayName, Assembly? testAssembly, string? jobType)
    {
        FullyQualifiedName = fullyQualifiedName;
        DisplayName = displayName;
        TestAssembly = testAssembly;
        JobType = jobType;
    }

    /// <summary><c>Namespace.Class.Method</c>.</summary>
    public string FullyQualifiedName { get; }

    /// <summary>The name the test platform reports, data-row arguments included.</summary>
    public string DisplayName { get; }

    public Assembly? TestAssembly { get; }

    /// <summary>The test's <c>wandb.job_type</c> property, if set.</summary>
    public string? JobType { get; }

    /// <summary>Describes the test of <paramref name="testContext"/>.</summary>
    /// <exception cref="ArgumentException">The object is not an MSTest <c>TestContext</c> (the message names the missing property).</exception>
    public static MSTestContext Read(object testContext)
    {
        var className = ReadString(testContext, "FullyQualifiedTestClassName");
        var methodName = ReadString(testContext, "TestName");
        var displayName = TryReadString(testContext, "TestDisplayName") ?? methodName;
        return new MSTestContext(className + "." + methodName, displayName, FindType(className)?.Assembly, ReadProperty(testContext, TestRunNames.JobTypeProperty));
    }

    /// <summary>The test running on this call path, or null outside a test or with an MSTest too old to tell.</summary>
    public static MSTestContext? Current()
    {
        try
        {
            var current = _current ??= FindCurrentProperty();
            var context = current?.GetValue(null);
            return context is null ? null : Read(context);
        }
        catch (Exception ex) when (ex is TargetInvocationException or ArgumentException or MemberAccessException)
        {
            return null;
        }
    }

    private static PropertyInfo? FindCurrentProperty()
    {
        foreach (var assembly in AppDomain.CurrentDomain.GetAssemblies())
        {
            var name = assembly.GetName().Name ?? string.Empty;
            if (!name.StartsWith("MSTest.", StringComparison.Ordinal) && !name.StartsWith("Microsoft.VisualStudio.TestPlatform.TestFramework", StringComparison.Ordinal))
            {
                continue;
            }

            var property = assembly.GetType(TypeName, throwOnError: false)?.GetProperty("Current", BindingFlags.Public | BindingFlags.Static);
            if (property is not null)
            {
                return property;
            }
        }

        // Not cached: MSTest may simply not be loaded yet.
        return null;
    }

    private static Type? FindType(string fullName)
    {
        foreach (var assembly in AppDomain.CurrentDomain.GetAssemblies())
        {
            var type = assembly.GetType(fullName, throwOnError: false);
            if (type is not null)
            {
                return type;
            }
        }

        return null;
    }

    private static string ReadString(object target, string property) =>
        TryReadString(target, property)
        ?? throw new ArgumentException($"The object passed as test context ({target.GetType().FullName}) has no string property '{property}'; pass MSTest's TestContext.", nameof(target));

    private static string? TryReadString(object target, string property) =>
        target.GetType().GetProperty(property, BindingFlags.Public | BindingFlags.Instance)?.GetValue(target) as string;

    private static string? ReadProperty(object testContext, string key)
    {
        var properties = testContext.GetType().GetProperty("Properties", BindingFlags.Public | BindingFlags.Instance)?.GetValue(testContext);
        return properties switch
        {
            IDictionary<string, object?> generic => generic.TryGetValue(key, out var value) ? value as string : null,
            IDictionary legacy => legacy.Contains(key) ? legacy[key] as string : null,
            _ => null,
        };
    }
}
