package io.kclient.docs;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.web.SecurityFilterChain;

/** The console and the kclient endpoint behind Spring Security in docs/operating.md; ConsoleSecurityIntegrationTests runs it. */
@Configuration(proxyBeanMethods = false)
@EnableWebSecurity
public class ConsoleSecurityExample {

    @Bean
    SecurityFilterChain operations(HttpSecurity http) throws Exception {
        return http
                .securityMatcher("/actuator/**")
                .authorizeHttpRequests(requests -> requests
                        // pause, resume, restart, redrive (and the console's "may I act?"): operators only
                        .requestMatchers(HttpMethod.POST, "/actuator/kclient", "/actuator/kclient/**").hasRole("OPERATOR")
                        // the console and what it reads: anyone on the team
                        .requestMatchers(HttpMethod.GET, "/actuator/kclient", "/actuator/kclient/**").hasAnyRole("VIEWER", "OPERATOR")
                        .anyRequest().denyAll())
                .httpBasic(Customizer.withDefaults())
                .csrf(csrf -> csrf.disable()) // basic credentials on every request, as curl sends them: no session to ride on
                .build();
    }
}
