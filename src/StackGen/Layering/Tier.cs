namespace StackGen.Layering;

/// <summary>How strict lint is with an environment: rules may be errors in production and warnings elsewhere.</summary>
public enum Tier
{
    Development,
    Staging,
    Production,
}
