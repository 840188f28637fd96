using StackGen.Tests.Fixtures;

namespace StackGen.Tests.Support;

/// <summary>
/// Theory data over both organisations, for the render mechanics every organisation's output must have (determinism,
/// install order, labels, round trips): the fixture's, which engine tests own, and the shipped one's, whatever its files say.
/// </summary>
public static class Organisations
{
    public const string Fixture = "fixture";
    public const string Shipped = "shipped";

    public static TestOrganisation Named(string name) => name switch
    {
        Fixture => FixtureOrganisation.Organisation,
        Shipped => Renders.Shipped,
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "no such test organisation"),
    };

    /// <summary>(organisation, environment) for every environment of both.</summary>
    public static TheoryData<string, string> Environments()
    {
        var data = new TheoryData<string, string>();
        foreach (var name in new[] { Fixture, Shipped })
        {
            foreach (var environment in Named(name).Environments)
            {
                data.Add(name, environment);
            }
        }

        return data;
    }
}
