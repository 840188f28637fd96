namespace StackGen.Settings;

/// <summary>
/// The oldest release of a program a setting may name: a <see cref="ReleaseVersion"/>, or an <see cref="ImageRef"/>
/// whose tag starts with a version (an image tagged without one, or pinned by digest only, cannot be checked and
/// passes). The binder reports an older value as an input error at the value's location.
/// </summary>
/// <param name="program">The program the version belongs to, as the error names it ("Celery").</param>
/// <param name="minimum">The oldest accepted version, MAJOR.MINOR[.PATCH].</param>
/// <param name="reason">Why older releases do not work, for the error message.</param>
[AttributeUsage(AttributeTargets.Property, AllowMultiple = false)]
public sealed class MinimumVersionAttribute(string program, string minimum, string reason) : Attribute
{
    public string Program { get; } = program;

    public ReleaseVersion Minimum { get; } = ReleaseVersion.Parse(minimum);

    public string Reason { get; } = reason;

    /// <summary>The version a setting's value names, or null when it names none.</summary>
    public static ReleaseVersion? Of(object? value) => value switch
    {
        ReleaseVersion version => version,
        ImageRef { Tag: { } tag } => ReleaseVersion.Leading(tag),
        _ => null,
    };
}
