using System.Diagnostics;
using System.Reflection;
using System.Runtime.CompilerServices;

namespace Wandb.Testing;

/// <summary>
/// Finds the test method on the current call stack: the nearest method carrying a test attribute of a
/// common framework (MSTest <c>[TestMethod]</c>, xUnit <c>[Fact]</c>/<c>[Theory]</c>, NUnit <c>[Test]</c>/<c>[TestCase]</c>),
/// seen through the state machine of an <c>async</c> test. Attributes are matched by name, so no test
/// framework is referenced.
/// </summary>
internal static class TestMethodLocator
{
    private static readonly string[] TestAttributeNames =
    {
        "TestMethodAttribute", "DataTestMethodAttribute", "FactAttribute", "TheoryAttribute", "TestAttribute", "TestCaseAttribute",
    };

    public static MethodInfo? FindOnStack()
    {
        var frames = new StackTrace(1, fNeedFileInfo: false).GetFrames() ?? Array.Empty<StackFrame>();
        foreach (var frame in frames)
        {
            var method = frame.GetMethod() as MethodInfo;
            var candidate = method is null ? null : IsTest(method) ? method : FromStateMachine(method);
            if (candidate is not null)
            {
                return candidate;
            }
        }

        return null;
    }

    /// <summary>The display name the framework gives a test without arguments: the attribute's DisplayName, else the method name.</summary>
    public static string DisplayName(MethodInfo method)
    {
        foreach (var attribute in method.GetCustomAttributes(inherit: true))
        {
            if (IsTestAttribute(attribute.GetType())
                && attribute.GetType().GetProperty("DisplayName")?.GetValue(attribute) is string { Length: > 0 } displayName)
            {
                return displayName;
            }
        }

        return method.Name;
    }

    /// <summary>The value of a <c>[TestProperty("wandb.job_type", ...)]</c> (or xUnit <c>[Trait]</c>) on the method or its class, if any.</summary>
    public static string? JobTypeProperty(MethodInfo method)
    {
        var attributes = method.GetCustomAttributes(inherit: true).Concat(method.DeclaringType?.GetCustomAttributes(inherit: true) ?? Array.Empty<object>());
        foreach (var attribute in attributes)
        {
            var type = attribute.GetType();
            if ((type.Name == "TestPropertyAttribute" || type.Name == "TraitAttribute")
                && type.GetProperty("Name")?.GetValue(attribute) as string == TestRunNames.JobTypeProperty
                && type.GetProperty("Value")?.GetValue(attribute) is string { Length: > 0 } value)
            {
                return value;
            }
        }

        return null;
    }

    private static bool IsTest(MethodInfo method)
    {
        try
        {
            return method.GetCustomAttributes(inherit: true).Any(a => IsTestAttribute(a.GetType()));
        }
        catch (Exception ex) when (ex is TypeLoadException or FileNotFoundException or CustomAttributeFormatException)
        {
            return false;
        }
    }

    private static bool IsTestAttribute(Type type)
    {
        for (var t = type; t is not null && t != typeof(Attribute); t = t.BaseType)
        {
            if (TestAttributeNames.Contains(t.Name, StringComparer.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    // An async test runs in MoveNext of a compiler-generated type nested in the test class; the test method
    // names that type in its [AsyncStateMachine] attribute.
    private static MethodInfo? FromStateMachine(MethodInfo method)
    {
        var stateMachine = method.DeclaringType;
        if (method.Name != "MoveNext" || stateMachine?.DeclaringType is not { } owner)
        {
            return null;
        }

        const BindingFlags all = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;
        return owner.GetMethods(all).FirstOrDefault(m =>
            m.GetCustomAttribute<AsyncStateMachineAttribute>()?.StateMachineType == stateMachine && IsTest(m));
    }
}
