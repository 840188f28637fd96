using StackGen.Naming;

namespace StackGen.Tests.Naming;

/// <summary>
/// The name grammars decide exactly what the API server decides. The good and bad values are copied verbatim from
/// Kubernetes' own tests: kubernetes/kubernetes staging/src/k8s.io/apimachinery/pkg/util/validation/validation_test.go
/// at commit 3782b558a28fc5cc7d3f451fd03cbbb802d12a62, a Kubernetes 1.30-or-later tree (it tests IsRelaxedEnvVarName,
/// new in 1.30); the six tables are unchanged in a later revision whose IsValidIP tests take a field.Path. Go's
/// regexp '$' is the end of the text, so each grammar also refuses a trailing newline, which a .NET Regex '$' would
/// accept (<see cref="WithNewline"/>).
/// </summary>
public sealed class NamesTests
{
    private static readonly string A63 = new('a', 63);
    private static readonly string A64 = new('a', 64);

    private static readonly string[] Dns1123LabelGood =
    [
        "a", "ab", "abc", "a1", "a-1", "a--1--2--b",
        "0", "01", "012", "1a", "1-a", "1--a--b--2",
        A63,
    ];

    private static readonly string[] Dns1123LabelBad =
    [
        "", "A", "ABC", "aBc", "A1", "A-1", "1-A",
        "-", "a-", "-a", "1-", "-1",
        "_", "a_", "_a", "a_b", "1_", "_1", "1_2",
        ".", "a.", ".a", "a.b", "1.", ".1", "1.2",
        " ", "a ", " a", "a b", "1 ", " 1", "1 2",
        A64,
    ];

    private static readonly string[] Dns1123SubdomainGood =
    [
        "a", "ab", "abc", "a1", "a-1", "a--1--2--b",
        "0", "01", "012", "1a", "1-a", "1--a--b--2",
        "a.a", "ab.a", "abc.a", "a1.a", "a-1.a", "a--1--2--b.a",
        "a.1", "ab.1", "abc.1", "a1.1", "a-1.1", "a--1--2--b.1",
        "0.a", "01.a", "012.a", "1a.a", "1-a.a", "1--a--b--2",
        "0.1", "01.1", "012.1", "1a.1", "1-a.1", "1--a--b--2.1",
        "a.b.c.d.e", "aa.bb.cc.dd.ee", "1.2.3.4.5", "11.22.33.44.55",
        new string('a', 253),
    ];

    private static readonly string[] Dns1123SubdomainBad =
    [
        "", "A", "ABC", "aBc", "A1", "A-1", "1-A",
        "-", "a-", "-a", "1-", "-1",
        "_", "a_", "_a", "a_b", "1_", "_1", "1_2",
        ".", "a.", ".a", "a..b", "1.", ".1", "1..2",
        " ", "a ", " a", "a b", "1 ", " 1", "1 2",
        "A.a", "aB.a", "ab.A", "A1.a", "a1.A",
        "A.1", "aB.1", "A1.1", "1A.1",
        "0.A", "01.A", "012.A", "1A.a", "1a.A",
        "A.B.C.D.E", "AA.BB.CC.DD.EE", "a.B.c.d.e", "aa.bB.cc.dd.ee",
        "a@b", "a,b", "a_b", "a;b",
        "a:b", "a%b", "a?b", "a$b",
        new string('a', 254),
    ];

    private static readonly string[] Dns1035LabelGood =
    [
        "a", "ab", "abc", "a1", "a-1", "a--1--2--b",
        A63,
    ];

    private static readonly string[] Dns1035LabelBad =
    [
        "0", "01", "012", "1a", "1-a", "1--a--b--2",
        "", "A", "ABC", "aBc", "A1", "A-1", "1-A",
        "-", "a-", "-a", "1-", "-1",
        "_", "a_", "_a", "a_b", "1_", "_1", "1_2",
        ".", "a.", ".a", "a.b", "1.", ".1", "1.2",
        " ", "a ", " a", "a b", "1 ", " 1", "1 2",
        A64,
    ];

    private static readonly string[] PortNameGood = ["telnet", "re-mail-ck", "pop3", "a", "a-1", "1-a", "a-1-b-2-c", "1-a-2-b-3"];

    private static readonly string[] PortNameBad = ["longerthan15characters", "", new string('a', 16), "12345", "1-2-3-4", "-begin", "end-", "two--hyphens", "whois++"];

    private static readonly string[] QualifiedNameGood =
    [
        "simple",
        "now-with-dashes",
        "1-starts-with-num",
        "1234",
        "simple/simple",
        "now-with-dashes/simple",
        "now-with-dashes/now-with-dashes",
        "now.with.dots/simple",
        "now-with.dashes-and.dots/simple",
        "1-num.2-num/3-num",
        "1234/5678",
        "1.2.3.4/5678",
        "Uppercase_Is_OK_123",
        "example.com/Uppercase_Is_OK_123",
        "requests.storage-foo",
        A63,
        new string('a', 253) + "/" + new string('b', 63),
    ];

    private static readonly string[] QualifiedNameBad =
    [
        "nospecialchars%^=@",
        "cantendwithadash-",
        "-cantstartwithadash-",
        "only/one/slash",
        "Example.com/abc",
        "example_com/abc",
        "example.com/",
        "/simple",
        A64,
        new string('a', 254) + "/abc",
    ];

    private static readonly string[] LabelValueGood =
    [
        "simple",
        "now-with-dashes",
        "1-starts-with-num",
        "end-with-num-1",
        "1234", // only num
        A63, // to the limit
        "", // empty value
    ];

    private static readonly string[] LabelValueBad =
    [
        "nospecialchars%^=@",
        "Tama-nui-te-rā.is.Māori.sun",
        "\\backslashes\\are\\bad",
        "-starts-with-dash",
        "ends-with-dash-",
        ".starts.with.dot",
        "ends.with.dot.",
        A64, // over the limit
    ];

    /// <summary>Not in Kubernetes' tables: good values with a newline at either end (the "default\n" queue).</summary>
    private static readonly string[] WithNewline = ["a\n", "default\n", "workers-default\n", "\na", "a.b\n", "example.com/simple\n", "simple\n/a", "http\n"];

    private static readonly Dictionary<string, (Func<string, bool> Accepts, string[] Good, string[] Bad)> Grammars = new(StringComparer.Ordinal)
    {
        ["IsDNS1123Label"] = (v => Names.IsDnsLabel(v), Dns1123LabelGood, Dns1123LabelBad),
        ["IsDNS1123Subdomain"] = (v => Names.IsDnsSubdomain(v), Dns1123SubdomainGood, Dns1123SubdomainBad),
        ["IsDNS1035Label"] = (v => Names.IsDns1035Label(v), Dns1035LabelGood, Dns1035LabelBad),
        ["IsValidPortName"] = (v => Names.IsPortName(v), PortNameGood, PortNameBad),
        ["IsQualifiedName"] = (v => Names.IsQualifiedName(v), QualifiedNameGood, QualifiedNameBad),
        ["IsValidLabelValue"] = (v => Names.IsLabelValue(v), LabelValueGood, LabelValueBad),
    };

    public static TheoryData<string, string> GoodValues() => Rows(g => g.Good);

    public static TheoryData<string, string> BadValues() => Rows(g => [.. g.Bad, .. WithNewline]);

    [Theory]
    [MemberData(nameof(GoodValues))]
    public void Kubernetes_good_values_are_accepted(string grammar, string value) => Assert.True(Grammars[grammar].Accepts(value));

    [Theory]
    [MemberData(nameof(BadValues))]
    public void Kubernetes_bad_values_and_trailing_newlines_are_refused(string grammar, string value) => Assert.False(Grammars[grammar].Accepts(value));

    /// <summary>One row per grammar and distinct value: the subdomain tables list "1--a--b--2" and "a_b" twice, which xunit would skip with a warning.</summary>
    private static TheoryData<string, string> Rows(Func<(Func<string, bool> Accepts, string[] Good, string[] Bad), string[]> values)
    {
        var rows = new TheoryData<string, string>();
        foreach (var (grammar, table) in Grammars)
        {
            foreach (var value in values(table).Distinct(StringComparer.Ordinal))
            {
                rows.Add(grammar, value);
            }
        }

        return rows;
    }
}
