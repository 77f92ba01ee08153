namespace Wandb.Testing;

/// <summary>
/// How the test logger names a test's job type: logger parameter <c>job_type</c>, passed to the test
/// processes as <c>WANDB_TEST_JOB_TYPE</c> so a <c>Run.Init()</c> inside a test names it the same way.
/// </summary>
internal enum TestJobTypeFormat
{
    /// <summary><c>method</c>: the test method's name, so the data rows and seeds of one method aggregate.</summary>
    Method,

    /// <summary><c>class_method</c>: the short class name and the method, for one method name in several classes.</summary>
    ClassMethod,
}
