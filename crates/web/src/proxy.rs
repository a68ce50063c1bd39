//! Het adres van de client achter een eigen reverse proxy (issue 17, punt 9). `X-Forwarded-For`
//! wordt alleen geloofd als het verzoek van een ingestelde proxy komt, en dan van rechts naar links
//! gelezen: het eerste adres dat geen eigen proxy is, is de client. Het meest linkse adres kiest
//! de client zelf; wie dat gelooft, laat iedereen de inlogdrempel omzeilen en zet een verzonnen
//! adres in de audittrail.

use std::net::IpAddr;
use std::str::FromStr;

/// Een adres of een netwerk (`10.0.0.0/8`, `2001:db8::/32`, `127.0.0.1`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Netwerk {
    adres: IpAddr,
    prefix: u8,
}

impl FromStr for Netwerk {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, String> {
        let s = s.trim();
        let (adres, prefix) = match s.split_once('/') {
            Some((a, p)) => (a, Some(p)),
            None => (s, None),
        };
        let adres: IpAddr = adres
            .parse()
            .map_err(|_| format!("'{s}' is geen IP-adres of netwerk (bv. 10.0.0.0/8)"))?;
        let max = if adres.is_ipv4() { 32 } else { 128 };
        let prefix = match prefix {
            None => max,
            Some(p) => p
                .parse::<u8>()
                .ok()
                .filter(|p| *p <= max)
                .ok_or_else(|| format!("'{s}': de prefix is 0 tot en met {max}"))?,
        };
        Ok(Self { adres, prefix })
    }
}

impl Netwerk {
    pub fn bevat(&self, ip: IpAddr) -> bool {
        match (self.adres, normaal(ip)) {
            (IpAddr::V4(n), IpAddr::V4(a)) => {
                let masker = u32::MAX
                    .checked_shl(32 - u32::from(self.prefix))
                    .unwrap_or(0);
                u32::from(n) & masker == u32::from(a) & masker
            }
            (IpAddr::V6(n), IpAddr::V6(a)) => {
                let masker = u128::MAX
                    .checked_shl(128 - u32::from(self.prefix))
                    .unwrap_or(0);
                u128::from(n) & masker == u128::from(a) & masker
            }
            _ => false,
        }
    }
}

/// Een IPv4-adres in IPv6-vorm (`::ffff:10.0.0.1`) als IPv4.
fn normaal(ip: IpAddr) -> IpAddr {
    match ip {
        IpAddr::V6(v6) => v6.to_ipv4_mapped().map_or(ip, IpAddr::V4),
        v4 => v4,
    }
}

/// Het adres van de client: `peer` (de verbinding) als die geen eigen proxy is; anders het meest
/// rechtse adres in `doorgestuurd` (de `X-Forwarded-For`-waarden, in volgorde) dat geen eigen
/// proxy is. Een onleesbaar adres stopt het lezen: dan telt het laatste vertrouwde.
pub fn client(peer: IpAddr, doorgestuurd: &[&str], proxies: &[Netwerk]) -> IpAddr {
    let vertrouwd = |ip: IpAddr| proxies.iter().any(|n| n.bevat(ip));
    let mut client = normaal(peer);
    if !vertrouwd(client) {
        return client;
    }
    let hops = doorgestuurd
        .iter()
        .flat_map(|w| w.split(','))
        .map(str::trim)
        .collect::<Vec<_>>();
    for hop in hops.into_iter().rev() {
        let Ok(ip) = hop.parse::<IpAddr>() else {
            break;
        };
        client = normaal(ip);
        if !vertrouwd(client) {
            break;
        }
    }
    client
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ip(s: &str) -> IpAddr {
        s.parse().unwrap_or_else(|_| unreachable!("{s}"))
    }

    #[test]
    fn netwerken_lezen_en_bevatten() {
        let n: Netwerk = "10.0.0.0/8".parse().unwrap_or_else(|e| unreachable!("{e}"));
        assert!(n.bevat(ip("10.1.2.3")) && !n.bevat(ip("11.0.0.1")));
        assert!(n.bevat(ip("::ffff:10.9.9.9")), "IPv4 in IPv6-vorm");
        let een: Netwerk = "192.0.2.7".parse().unwrap_or_else(|e| unreachable!("{e}"));
        assert!(een.bevat(ip("192.0.2.7")) && !een.bevat(ip("192.0.2.8")));
        let v6: Netwerk = "2001:db8::/32"
            .parse()
            .unwrap_or_else(|e| unreachable!("{e}"));
        assert!(v6.bevat(ip("2001:db8::1")) && !v6.bevat(ip("2001:db9::1")));
        let alles: Netwerk = "0.0.0.0/0".parse().unwrap_or_else(|e| unreachable!("{e}"));
        assert!(alles.bevat(ip("8.8.8.8")));
        for fout in ["", "10.0.0.0/33", "geen", "10.0.0.0/x", "::/129"] {
            assert!(fout.parse::<Netwerk>().is_err(), "{fout}");
        }
    }

    /// (verbinding, X-Forwarded-For, verwacht): alleen de eigen proxy wordt geloofd, en van rechts.
    #[test]
    fn de_client_achter_de_eigen_proxy() {
        let proxies: Vec<Netwerk> = ["10.0.0.0/8", "192.0.2.1"]
            .iter()
            .map(|s| s.parse().unwrap_or_else(|e| unreachable!("{e}")))
            .collect();
        let gevallen: &[(&str, &[&str], &str)] = &[
            // Rechtstreeks verbonden: de kop telt niet, wat hij ook zegt.
            ("203.0.113.9", &["1.2.3.4"], "203.0.113.9"),
            // Via de eigen proxy: de client is wat die proxy zag.
            ("10.0.0.2", &["203.0.113.9"], "203.0.113.9"),
            // De client verzint een adres links: het meest rechtse onvertrouwde telt.
            ("10.0.0.2", &["1.1.1.1, 203.0.113.9"], "203.0.113.9"),
            ("10.0.0.2", &["1.1.1.1", "203.0.113.9"], "203.0.113.9"),
            // Twee eigen proxy's achter elkaar.
            ("10.0.0.2", &["203.0.113.9, 192.0.2.1"], "203.0.113.9"),
            // Alleen eigen proxy's: de meest linkse.
            ("10.0.0.2", &["10.0.0.5"], "10.0.0.5"),
            // Geen kop: de proxy zelf.
            ("10.0.0.2", &[], "10.0.0.2"),
            // Onleesbaar: stop bij de laatste vertrouwde.
            ("10.0.0.2", &["203.0.113.9, onzin"], "10.0.0.2"),
        ];
        for (peer, kop, verwacht) in gevallen {
            assert_eq!(
                client(ip(peer), kop, &proxies),
                ip(verwacht),
                "{peer} {kop:?}"
            );
        }
        assert_eq!(
            client(ip("10.0.0.2"), &["1.1.1.1"], &[]),
            ip("10.0.0.2"),
            "geen proxy's ingesteld"
        );
    }
}
