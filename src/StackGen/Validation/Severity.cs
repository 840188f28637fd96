namespace StackGen.Validation;

/// <summary>How much a finding matters. Errors fail render and lint; the SARIF levels have the same names.</summary>
public enum Severity
{
    Off,
    Note,
    Warning,
    Error,
}
