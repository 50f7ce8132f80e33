using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;

namespace Bhrpc.Internal;

/// <summary>The machine's first usable non-loopback IPv4 address, else 127.0.0.1.</summary>
internal static class LocalAddress
{
    private static readonly Lazy<string> s_ipv4 = new(Find);

    public static string IPv4 => s_ipv4.Value;

    private static string Find()
    {
        try
        {
            return NetworkInterface.GetAllNetworkInterfaces()
                .Where(n => n.OperationalStatus == OperationalStatus.Up && n.NetworkInterfaceType != NetworkInterfaceType.Loopback)
                .SelectMany(n => n.GetIPProperties().UnicastAddresses)
                .Select(u => u.Address)
                .FirstOrDefault(a => a.AddressFamily == AddressFamily.InterNetwork && !IPAddress.IsLoopback(a))
                ?.ToString() ?? IPAddress.Loopback.ToString();
        }
        catch (NetworkInformationException)
        {
            return IPAddress.Loopback.ToString();
        }
    }
}
