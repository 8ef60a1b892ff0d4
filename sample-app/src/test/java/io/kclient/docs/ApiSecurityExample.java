package io.kclient.docs;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;

/** The protection of the sample's REST API in docs/security.md; ApiSecurityIntegrationTests runs the sample behind it. */
@Configuration(proxyBeanMethods = false)
@EnableWebSecurity
public class ApiSecurityExample {

    @Bean
    SecurityFilterChain api(HttpSecurity http) throws Exception {
        return http
                .authorizeHttpRequests(requests -> requests
                        .requestMatchers("/api/**").hasRole("PUBLISHER")
                        .anyRequest().denyAll())
                .httpBasic(Customizer.withDefaults())
                // stateless: every request carries its credentials, no session cookie for CSRF to ride on
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .csrf(csrf -> csrf.disable())
                .build();
    }
}
