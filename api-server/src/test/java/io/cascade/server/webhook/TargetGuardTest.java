package io.cascade.server.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cascade.server.error.ApiErrorCode;
import io.cascade.server.error.CascadeException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TargetGuardTest {

    /** Names and what they resolve to; anything else does not resolve. No real DNS is asked. */
    private static final Map<String, List<String>> DNS = Map.of(
            "public.example", List.of("93.184.216.34"),
            "public6.example", List.of("2606:2800:220:1:248:1893:25c8:1946"),
            "private.example", List.of("10.0.0.5"),
            "mixed.example", List.of("93.184.216.34", "127.0.0.1"),
            "ula.example", List.of("fd12:3456::1"),
            "metadata.example", List.of("169.254.169.254"),
            "mapped.example", List.of("::ffff:192.168.1.1"),
            "cgnat.example", List.of("100.64.1.1"));

    private static InetAddress[] resolve(String host) throws UnknownHostException {
        List<String> addresses = DNS.get(host);
        if (addresses == null) {
            throw new UnknownHostException(host);
        }
        InetAddress[] out = new InetAddress[addresses.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = InetAddress.getByName(addresses.get(i)); // literals: no look-up
        }
        return out;
    }

    private static final TargetGuard GUARD = new TargetGuard(List.of(), TargetGuardTest::resolve);

    private static String ruleOf(TargetGuard guard, String url) {
        try {
            guard.check(url);
            return "ok";
        } catch (CascadeException e) {
            assertThat(e.code()).isEqualTo(ApiErrorCode.BAD_USER_INPUT);
            return String.valueOf(e.details().get("rule"));
        }
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            https://public.example/hook                 | ok
            http://public.example:8080/a?b=c            | ok
            https://public6.example/                    | ok
            https://93.184.216.34/                      | ok
            https://[2606:2800:220:1:248:1893:25c8:1946]/ | ok
            http://127.0.0.1/                           | loopback
            http://127.1.2.3:9000/                      | loopback
            http://[::1]/                               | loopback
            http://[0:0:0:0:0:0:0:1]/                   | loopback
            http://localhost/                           | loopback
            http://localhost./                          | loopback
            http://LOCALHOST:8080/                      | loopback
            http://api.localhost/                       | loopback
            http://2130706433/                          | ambiguous-ipv4
            http://0177.0.0.1/                          | ambiguous-ipv4
            http://0x7f000001/                          | ambiguous-ipv4
            http://127.1/                               | ambiguous-ipv4
            http://017700000001/                        | ambiguous-ipv4
            http://127.0.0.1./                          | ambiguous-ipv4
            http://[::ffff:127.0.0.1]/                  | loopback
            http://[::ffff:7f00:1]/                     | loopback
            http://[::127.0.0.1]/                       | loopback
            http://[64:ff9b::7f00:1]/                   | loopback
            http://[2002:7f00:1::]/                     | loopback
            http://[::ffff:a9fe:a9fe]/                  | cloud-metadata
            http://[::]/                                | unspecified
            http://0.0.0.0/                             | unspecified
            http://0.1.2.3/                             | unspecified
            http://10.1.2.3/                            | private
            http://172.16.0.1/                          | private
            http://172.31.255.255/                      | private
            http://172.32.0.1/                          | ok
            http://192.168.0.1/                         | private
            http://[fd00::1]/                           | unique-local
            http://[fc00::1]/                           | unique-local
            http://[fe80::1]/                           | link-local
            http://[fe80::1%25eth0]/                    | link-local
            http://169.254.1.1/                         | link-local
            http://169.254.169.254/latest/meta-data/    | cloud-metadata
            http://[fd00:ec2::254]/                     | cloud-metadata
            http://100.100.100.200/                     | cloud-metadata
            http://100.64.0.1/                          | cgnat
            http://100.127.255.255/                     | cgnat
            http://100.128.0.1/                         | ok
            http://224.0.0.1/                           | multicast
            http://[ff02::1]/                           | multicast
            http://255.255.255.255/                     | broadcast
            http://240.0.0.1/                           | reserved
            http://192.0.2.10/                          | documentation
            https://private.example/                    | private
            https://private.example./                   | private
            https://mixed.example/                      | loopback
            https://ula.example/                        | unique-local
            https://metadata.example/                   | cloud-metadata
            https://mapped.example/                     | private
            https://cgnat.example/                      | cgnat
            https://nowhere.example/                    | unresolvable
            http://user:pass@public.example/            | userinfo
            http://127.0.0.1@public.example/            | userinfo
            http://public.example@127.0.0.1/            | userinfo
            ftp://public.example/                       | scheme
            file:///etc/passwd                          | scheme
            gopher://public.example/                    | scheme
            javascript:alert(1)                         | scheme
            //public.example/hook                       | scheme
            http:///path                                | form
            http://exa_mple.com/                        | form
            http://public.example/#frag                 | form
            'http://public.example/ a'                  | form
            """)
    void refusesByRule(String url, String expected) {
        assertThat(ruleOf(GUARD, url)).isEqualTo(expected);
    }

    @Test
    void refusalNamesTheRuleAndTheSetting() {
        assertThatThrownBy(() -> GUARD.check("https://private.example/x?token=secret"))
                .isInstanceOfSatisfying(CascadeException.class, e -> {
                    assertThat(e.getMessage())
                            .contains("10.0.0.5", "private", "CASCADE_WEBHOOK_ALLOWED_TARGETS")
                            .doesNotContain("token=secret");
                    assertThat(e.details()).containsEntry("rule", "private");
                });
    }

    @Test
    void anOverlongUrlIsRefused() {
        assertThat(ruleOf(GUARD, "https://public.example/" + "a".repeat(TargetGuard.MAX_URL_LENGTH)))
                .isEqualTo("form");
    }

    @Nested
    class AllowList {

        private final TargetGuard guard =
                new TargetGuard(Cidr.parseList("127.0.0.1/32, 10.0.0.0/8,fd12::/16"), TargetGuardTest::resolve);

        @Test
        void allowsOnlyWhatItLists() {
            assertThat(ruleOf(guard, "http://127.0.0.1:8080/hook")).isEqualTo("ok");
            assertThat(ruleOf(guard, "http://[::ffff:127.0.0.1]:8080/hook")).isEqualTo("ok");
            assertThat(ruleOf(guard, "http://127.0.0.2/")).isEqualTo("loopback");
            assertThat(ruleOf(guard, "https://private.example/")).isEqualTo("ok");
            assertThat(ruleOf(guard, "https://ula.example/")).isEqualTo("ok");
            assertThat(ruleOf(guard, "http://192.168.1.1/")).isEqualTo("private");
            assertThat(ruleOf(guard, "https://mixed.example/")).isEqualTo("ok");
            assertThat(ruleOf(guard, "https://metadata.example/")).isEqualTo("cloud-metadata");
        }

        @Test
        void neverAllowsWhatIsNotAnAddressRule() {
            assertThat(ruleOf(guard, "http://localhost:8080/")).isEqualTo("loopback");
            assertThat(ruleOf(guard, "http://2130706433/")).isEqualTo("ambiguous-ipv4");
            assertThat(ruleOf(guard, "http://u@127.0.0.1/")).isEqualTo("userinfo");
        }
    }

    @Nested
    class Ranges {

        @Test
        void parseAndContain() {
            Cidr range = Cidr.parse("172.16.0.0/12");
            assertThat(range.contains(bytes("172.31.1.1"))).isTrue();
            assertThat(range.contains(bytes("172.32.0.0"))).isFalse();
            assertThat(range.contains(bytes("::1"))).isFalse();
            assertThat(Cidr.parse("10.1.2.3/8")).isEqualTo(Cidr.parse("10.0.0.0/8"));
            assertThat(Cidr.parse("10.1.2.3").toString()).isEqualTo("10.1.2.3/32");
            assertThat(Cidr.parse("::/0").contains(bytes("2001:db8::1"))).isTrue();
        }

        @Test
        void refuseWhatIsNotARange() {
            for (String bad :
                    List.of("localhost/8", "10.0.0.0/33", "10.0.0/8", "0x7f.0.0.1/32", "10.0.0.0/", "::1/129", "")) {
                assertThatThrownBy(() -> Cidr.parse(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
            }
        }

        private byte[] bytes(String literal) {
            return Addresses.literal(literal);
        }
    }
}
