namespace StackGen.Generators;

internal enum ShapeKind
{
    Scalar,
    List,
    Map,
}

/// <summary>The C# type of a CRD schema node and how its writer writes a value of it.</summary>
internal sealed class Shape
{
    private readonly string? _write;
    private readonly string? _read;

    private Shape(ShapeKind kind, string type, bool isValueType, string? write, Shape? element, string? read = null)
    {
        Kind = kind;
        Type = type;
        IsValueType = isValueType;
        _write = write;
        Element = element;
        _read = read;
    }

    public static Shape String { get; } = Scalar("string", false, "writer.Text({0});", "String({0})");

    public static Shape Bool { get; } = Scalar("bool", true, "writer.Bool({0});", "Bool({0})");

    public static Shape Int { get; } = Scalar("int", true, "writer.Number({0});", "Int32({0})");

    public static Shape Long { get; } = Scalar("long", true, "writer.Number({0});", "Int64({0})");

    public static Shape Double { get; } = Scalar("double", true, "writer.Number({0});", "Double({0})");

    /// <summary>KubernetesClient's IntOrString, written as a number when its text is one (as for the built-in models).</summary>
    public static Shape IntOrString { get; } = Scalar("global::k8s.Models.IntOrString", false, "WriteIntOrString(writer, {0});", "IntOrString({0})");

    /// <summary><c>x-kubernetes-preserve-unknown-fields</c>: any JSON, keys in StackGen's order.</summary>
    public static Shape Free { get; } = Scalar("global::System.Text.Json.Nodes.JsonNode", false, "WriteNode(writer, {0});", "Free({0})");

    public ShapeKind Kind { get; }

    /// <summary>The C# type, fully qualified, without nullability.</summary>
    public string Type { get; }

    public bool IsValueType { get; }

    /// <summary>A list's item or a map's value.</summary>
    public Shape? Element { get; }

    /// <param name="writer">The writer method, Write...; its reader (in StackGen.Objects.ObjectReader) is Read....</param>
    public static Shape Class(string type, string writer) =>
        Scalar(type, false, writer + "(writer, {0});", "Read" + writer.Substring("Write".Length) + "(Object({0}))");

    /// <param name="text">The method that returns a string enum value's schema text (Text...), whose inverse is Parse...; null for an integer enum.</param>
    public static Shape Enum(string type, string? text) =>
        Scalar(
            type,
            true,
            text is null ? "writer.Number((long){0});" : "writer.Text(" + text + "({0}));",
            text is null ? "(" + type + ")Int64({0})" : "Parse" + text.Substring("Text".Length) + "({0})");

    public static Shape List(Shape item) =>
        new(ShapeKind.List, "global::System.Collections.Generic.IList<" + item.Type + ">", false, null, item);

    public static Shape Map(Shape value) =>
        new(ShapeKind.Map, "global::System.Collections.Generic.IDictionary<string, " + value.Type + ">", false, null, value);

    /// <summary>The statement writing <paramref name="value"/> (not a list or map: those are loops).</summary>
    public string Write(string value) => string.Format(System.Globalization.CultureInfo.InvariantCulture, _write!, value);

    /// <summary>The expression reading the JsonNode <paramref name="node"/> (not a list or map: CrdFile.ReadValue builds those).</summary>
    public string Read(string node) => string.Format(System.Globalization.CultureInfo.InvariantCulture, _read!, node);

    private static Shape Scalar(string type, bool isValueType, string write, string read) => new(ShapeKind.Scalar, type, isValueType, write, null, read);
}
