namespace Bhrpc.Demo.Hosting;

/// <summary>The demo's command line: <c>[--registry URL] [--serializer NAME] [--role consumer|provider] [--name NAME]</c>.</summary>
public sealed record DemoArguments(RegistryOptions Registry, bool RegistryGiven, string Role, string Name, string Serializer)
{
    public static DemoArguments Parse(string[] args)
    {
        string? registry = null;
        var role = "consumer";
        var name = "provider";
        var serializer = "json";
        for (var i = 0; i < args.Length; i++)
        {
            var value = i + 1 < args.Length ? args[i + 1] : throw new ArgumentException($"{args[i]} needs a value.");
            switch (args[i])
            {
                case "--registry":
                    registry = value;
                    break;
                case "--role":
                    role = value;
                    break;
                case "--name":
                    name = value;
                    break;
                case "--serializer":
                    serializer = value;
                    break;
                default:
                    throw new ArgumentException($"unknown option '{args[i]}'; expected --registry URL (zookeeper://127.0.0.1:2181, etcd://127.0.0.1:2379, local://), --serializer NAME (json, hessian2, protobuf), --role or --name.");
            }

            i++;
        }

        if (role is not ("consumer" or "provider"))
        {
            throw new ArgumentException($"--role must be consumer or provider; got '{role}'.");
        }

        var options = registry is null
            ? new RegistryOptions { Type = "local", Address = Path.Combine(Path.GetTempPath(), $"bhrpc-demo-{Environment.ProcessId}") }
            : RegistryOptions.Parse(registry);
        return new DemoArguments(options, registry is not null, role, name, serializer);
    }
}
