using Wandb.Environment;

namespace Wandb.Testing;

/// <summary>Names shared by the test logger and the in-test helper, so both describe a test's run the same way.</summary>
internal static class TestRunNames
{
    /// <summary>Trait or test property that overrides the job type (default: the test method's name).</summary>
    public const string JobTypeProperty = "wandb.job_type";

    /// <summary>Config key of the test's fully-qualified class, so runs can be grouped or told apart by class.</summary>
    public const string TestClassKey = "test_class";

    /// <summary>How the logger names job types (<see cref="TestJobTypeFormat"/>), for the processes that run the tests.</summary>
    public const string JobTypeFormatVariable = "WANDB_TEST_JOB_TYPE";

    private const string MethodFormatName = "method";
    private const string ClassMethodFormatName = "class_method";

    /// <summary>The values of the <c>job_type</c> parameter, for messages.</summary>
    public const string JobTypeFormatNames = MethodFormatName + ", " + ClassMethodFormatName;

    /// <summary>The method name of a fully-qualified test name (<c>Ns.Class.Method</c> gives <c>Method</c>).</summary>
    public static string MethodName(string fullyQualifiedName) => Split(fullyQualifiedName).Method;

    /// <summary>The fully-qualified class of a test name (<c>Ns.Class.Method</c> gives <c>Ns.Class</c>); empty when there is none.</summary>
    public static string ClassName(string fullyQualifiedName) => Split(fullyQualifiedName).Class;

    /// <summary>
    /// The name without a trailing argument list (NUnit and xUnit may add one): <c>Ns.Class.Method(1,2)</c>
    /// gives <c>Ns.Class.Method</c>, while the arguments of a parameterised class stay (<c>Ns.Fixture(1).Method</c>).
    /// </summary>
    public static string WithoutArguments(string fullyQualifiedName)
    {
        var name = fullyQualifiedName.TrimEnd();
        if (!name.EndsWith(")", StringComparison.Ordinal))
        {
            return name;
        }

        var open = -1;
        foreach (var (index, c, depth) in LiteralText.Structure(name))
        {
            if (c == '(' && depth == 0)
            {
                open = index;
            }
        }

        return open > 0 ? name.Substring(0, open).TrimEnd() : name;
    }

    /// <summary>The job type of a test in the given format (a <c>wandb.job_type</c> property, when set, wins over both).</summary>
    public static string JobType(string fullyQualifiedName, TestJobTypeFormat format)
    {
        var (testClass, method) = Split(fullyQualifiedName);
        if (format != TestJobTypeFormat.ClassMethod || testClass.Length == 0)
        {
            return method;
        }

        var dot = LastTopLevelDot(testClass);
        return testClass.Substring(dot + 1) + "." + method;
    }

    public static bool TryParseJobTypeFormat(string? text, out TestJobTypeFormat format)
    {
        switch (text?.Trim().ToLowerInvariant())
        {
            case MethodFormatName:
                format = TestJobTypeFormat.Method;
                return true;
            case ClassMethodFormatName:
                format = TestJobTypeFormat.ClassMethod;
                return true;
            default:
                format = TestJobTypeFormat.Method;
                return false;
        }
    }

    public static string JobTypeFormatName(TestJobTypeFormat format) => format == TestJobTypeFormat.ClassMethod ? ClassMethodFormatName : MethodFormatName;

    /// <summary>The format the logger passed to this test process; method names when unset or unknown (the logger warned about it).</summary>
    public static TestJobTypeFormat JobTypeFormatOf(IEnvironmentVariables env) =>
        TryParseJobTypeFormat(env.Get(JobTypeFormatVariable), out var format) ? format : TestJobTypeFormat.Method;

    private static (string Class, string Method) Split(string fullyQualifiedName)
    {
        var name = WithoutArguments(fullyQualifiedName);
        var dot = LastTopLevelDot(name);
        return dot < 0 ? (string.Empty, name) : (name.Substring(0, dot), name.Substring(dot + 1));
    }

    private static int LastTopLevelDot(string name)
    {
        var dot = -1;
        foreach (var (index, c, depth) in LiteralText.Structure(name))
        {
            if (c == '.' && depth == 0)
            {
                dot = index;
            }
        }

        return dot;
    }
}
