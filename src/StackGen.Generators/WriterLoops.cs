using System.Text;

namespace StackGen.Generators;

/// <summary>Loops both generators' writers share: a string-keyed map written in StackGen's key order, null values dropped.</summary>
internal static class WriterLoops
{
    /// <param name="body">Writes <paramref name="item"/> (the entry's value), indented for inside the loop.</param>
    public static void Map(StringBuilder code, string indent, string value, string key, string item, StringBuilder body)
    {
        code.Append(indent).AppendLine("writer.StartMapping();");
        code.Append(indent).Append("foreach (var ").Append(key).Append(" in TreeWriter.OrderedKeys(").Append(value).AppendLine(".Keys))");
        code.Append(indent).AppendLine("{");
        code.Append(indent).Append("    if (").Append(value).Append('[').Append(key).Append("] is { } ").Append(item).AppendLine(")");
        code.Append(indent).AppendLine("    {");
        code.Append(indent).Append("        writer.Key(").Append(key).AppendLine(");");
        code.Append(body);
        code.Append(indent).AppendLine("    }");
        code.Append(indent).AppendLine("}");
        code.Append(indent).AppendLine("writer.EndMapping();");
    }
}
