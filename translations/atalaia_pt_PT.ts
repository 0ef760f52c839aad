<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="pt_PT" sourcelanguage="en">
<context>
    <name>atalaia::api::client</name>
    <message>
        <source>%1 requires a second factor (TOTP, WebAuthn, recovery key), which Atalaia&apos;s client does not support yet: use an API token instead</source>
        <translation>%1 exige um segundo fator (TOTP, WebAuthn, chave de recuperação), que o cliente do Atalaia ainda não suporta: use um token de API em alternativa</translation>
    </message>
    <message>
        <source>%1 answered the login without a ticket or CSRF token</source>
        <translation>%1 respondeu ao início de sessão sem ticket nem token CSRF</translation>
    </message>
    <message>
        <source>the connection was closed before %1 answered</source>
        <translation>a ligação foi fechada antes de %1 responder</translation>
    </message>
    <message>
        <source>there is no ticket to renew: log in first</source>
        <translation>não há nenhum ticket para renovar: inicie sessão primeiro</translation>
    </message>
    <message>
        <source>no server address is configured</source>
        <translation>não está configurado nenhum endereço de servidor</translation>
    </message>
    <message>
        <source>the TLS certificate of %1 is not the one trusted for it: it presented SHA-256 fingerprint %2, but %3 is pinned. Someone may be intercepting the connection; if the node&apos;s certificate was replaced on purpose, trust the new fingerprint</source>
        <translation>o certificado TLS de %1 não é o que está marcado como fidedigno para ele: apresentou a impressão digital SHA-256 %2, mas a fixada é %3. Alguém pode estar a intercetar a ligação; se o certificado do nó foi substituído de propósito, confie na nova impressão digital</translation>
    </message>
    <message>
        <source>%1 presented a TLS certificate that is not trusted yet (SHA-256 fingerprint %2): compare it with the node&apos;s fingerprint and trust it to connect</source>
        <translation>%1 apresentou um certificado TLS que ainda não é de confiança (impressão digital SHA-256 %2): compare-a com a impressão digital do nó e confie nela para ligar</translation>
    </message>
    <message>
        <source>no answer within %1 s</source>
        <translation>sem resposta em %1 s</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>cannot reach %1: %2</source>
        <translation>não é possível contactar %1: %2</translation>
    </message>
    <message numerus="yes">
        <source>cannot reach the server at any of its %n address(es): %1</source>
        <translation>
            <numerusform>não é possível contactar o servidor no seu %n endereço: %1</numerusform>
            <numerusform>não é possível contactar o servidor em nenhum dos seus %n endereços: %1</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 did not answer %2 %3 like a Proxmox VE API server (no {&quot;data&quot;: ...} object)</source>
        <translation>%1 não respondeu a %2 %3 como um servidor da API do Proxmox VE (sem objeto {&quot;data&quot;: ...})</translation>
    </message>
    <message>
        <source>%1 redirects the API to %2, which the client does not follow</source>
        <translation>%1 redireciona a API para %2, que o cliente não segue</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not an API token id: expected USER@REALM!TOKENID=SECRET</source>
        <translation>&apos;%1&apos; não é um id de token de API: esperava-se UTILIZADOR@DOMÍNIO!IDTOKEN=SEGREDO</translation>
    </message>
    <message>
        <source>the API token %1 has no secret: expected %1=SECRET</source>
        <translation>o token de API %1 não tem segredo: esperava-se %1=SEGREDO</translation>
    </message>
    <message>
        <source>&apos;%1&apos;: the port must be a number from 1 to 65535</source>
        <translation>&apos;%1&apos;: a porta tem de ser um número de 1 a 65535</translation>
    </message>
    <message>
        <source>no server address given</source>
        <translation>não foi indicado nenhum endereço de servidor</translation>
    </message>
    <message>
        <source>&apos;%1&apos;: missing &apos;]&apos; after the IPv6 address</source>
        <translation>&apos;%1&apos;: falta &apos;]&apos; após o endereço IPv6</translation>
    </message>
    <message>
        <source>&apos;%1&apos;: expected &apos;:PORT&apos; after &apos;]&apos;</source>
        <translation>&apos;%1&apos;: esperava-se &apos;:PORTA&apos; após &apos;]&apos;</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not an IPv6 address</source>
        <translation>&apos;%1&apos; não é um endereço IPv6</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not an IPv6 address (write [ADDRESS]:PORT to give a port)</source>
        <translation>&apos;%1&apos; não é um endereço IPv6 (escreva [ENDEREÇO]:PORTA para indicar uma porta)</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not a host name or address</source>
        <translation>&apos;%1&apos; não é um nome de anfitrião nem um endereço</translation>
    </message>
    <message>
        <source>&apos;%1&apos;: no port given</source>
        <translation>&apos;%1&apos;: não foi indicada nenhuma porta</translation>
    </message>
    <message>
        <source>the event stream closed</source>
        <translation>o fluxo de eventos foi fechado</translation>
    </message>
    <message>
        <source>no event stream at this server: %1</source>
        <translation>não há fluxo de eventos neste servidor: %1</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not a SHA-256 fingerprint: expected 32 hex pairs like AA:BB:...</source>
        <translation>&apos;%1&apos; não é uma impressão digital SHA-256: esperavam-se 32 pares hexadecimais como AA:BB:...</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not a SHA-256 fingerprint: it has %2 hex digits, not 64</source>
        <translation>&apos;%1&apos; não é uma impressão digital SHA-256: tem %2 dígitos hexadecimais, não 64</translation>
    </message>
    <message>
        <source>the server answered with HTTP status %1</source>
        <translation>o servidor respondeu com o estado HTTP %1</translation>
    </message>
    <message>
        <source>the call succeeded</source>
        <translation>a chamada foi bem-sucedida</translation>
    </message>
    <message>
        <source>incomplete ticket: username, ticket and CSRFPreventionToken are required</source>
        <translation>ticket incompleto: são necessários username, ticket e CSRFPreventionToken</translation>
    </message>
    <message>
        <source>cannot upload %1: it is not a readable file</source>
        <translation>não é possível carregar %1: não é um ficheiro legível</translation>
    </message>
</context>
<context>
    <name>atalaia::secrets</name>
    <message>
        <source>The secret store was closed before the keychain answered</source>
        <translation>O repositório de segredos foi fechado antes de o porta-chaves responder</translation>
    </message>
    <message>
        <source>Bad escape in keychain entry name part &quot;%1&quot;</source>
        <translation>Sequência de escape inválida na parte &quot;%1&quot; do nome da entrada do porta-chaves</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not an Atalaia keychain entry name (KIND:CONNECTION:USER)</source>
        <translation>&quot;%1&quot; não é um nome de entrada do porta-chaves do Atalaia (TIPO:LIGAÇÃO:UTILIZADOR)</translation>
    </message>
    <message>
        <source>Unknown kind of secret &quot;%1&quot;</source>
        <translation>Tipo de segredo desconhecido &quot;%1&quot;</translation>
    </message>
    <message>
        <source>&quot;%1&quot; names no connection or no user</source>
        <translation>&quot;%1&quot; não indica nenhuma ligação ou nenhum utilizador</translation>
    </message>
    <message>
        <source>No keychain is available (no Secret Service or KWallet running); Atalaia will ask for the password each time and never store it in a file</source>
        <translation>Não há nenhum porta-chaves disponível (nem o Secret Service nem o KWallet estão em execução); o Atalaia pedirá a palavra-passe de cada vez e nunca a guardará num ficheiro</translation>
    </message>
    <message>
        <source>No keychain is available (no Secret Service or KWallet running: %1); Atalaia will ask for the password each time and never store it in a file</source>
        <translation>Não há nenhum porta-chaves disponível (nem o Secret Service nem o KWallet estão em execução: %1); o Atalaia pedirá a palavra-passe de cada vez e nunca a guardará num ficheiro</translation>
    </message>
    <message>
        <source>No secret of %1 for %2 is stored in the keychain</source>
        <translation>Não está guardado no porta-chaves nenhum segredo de %1 para %2</translation>
    </message>
    <message>
        <source>A keychain entry needs a service, a connection and a user (got &quot;%1&quot;, &quot;%2&quot;, &quot;%3&quot;)</source>
        <translation>Uma entrada do porta-chaves precisa de um serviço, uma ligação e um utilizador (recebido: &quot;%1&quot;, &quot;%2&quot;, &quot;%3&quot;)</translation>
    </message>
    <message>
        <source>An empty secret is not stored (%1 for %2)</source>
        <translation>Um segredo vazio não é guardado (%1 para %2)</translation>
    </message>
    <message numerus="yes">
        <source>it did not answer within %n second(s)</source>
        <translation>
            <numerusform>não respondeu em %n segundo</numerusform>
            <numerusform>não respondeu em %n segundos</numerusform>
        </translation>
    </message>
    <message>
        <source>Could not read the secret of %1 for %2 from the keychain: %3</source>
        <translation>Não foi possível ler do porta-chaves o segredo de %1 para %2: %3</translation>
    </message>
    <message>
        <source>Could not store the secret of %1 for %2 in the keychain: %3</source>
        <translation>Não foi possível guardar no porta-chaves o segredo de %1 para %2: %3</translation>
    </message>
    <message>
        <source>Could not delete the secret of %1 for %2 from the keychain: %3</source>
        <translation>Não foi possível eliminar do porta-chaves o segredo de %1 para %2: %3</translation>
    </message>
    <message>
        <source>The keychain refused access to the secret of %1 for %2 (it may be locked): %3</source>
        <translation>O porta-chaves recusou o acesso ao segredo de %1 para %2 (pode estar bloqueado): %3</translation>
    </message>
</context>
<context>
    <name>atalaia::ui</name>
    <message>
        <source>The certificate of %1 has changed. Pinned: %2. Presented: %3. This can mean someone is intercepting the connection; the console will not talk to this server until you trust the new certificate.</source>
        <translation>O certificado de %1 mudou. Fixado: %2. Apresentado: %3. Isto pode significar que alguém está a intercetar a ligação; a consola não comunicará com este servidor até confiar no novo certificado.</translation>
    </message>
    <message>
        <source>Disconnected</source>
        <translation>Desligado</translation>
    </message>
    <message>
        <source>Connecting</source>
        <translation>A ligar</translation>
    </message>
    <message>
        <source>Certificate not trusted yet</source>
        <translation>Certificado ainda não fidedigno</translation>
    </message>
    <message>
        <source>Login required</source>
        <translation>Autenticação necessária</translation>
    </message>
    <message>
        <source>Online</source>
        <translation>Em linha</translation>
    </message>
    <message>
        <source>Reconnecting</source>
        <translation>A restabelecer a ligação</translation>
    </message>
    <message>
        <source>Certificate changed: blocked</source>
        <translation>Certificado alterado: bloqueado</translation>
    </message>
    <message>
        <source>&amp;OK</source>
        <translation>&amp;OK</translation>
    </message>
    <message>
        <source>&amp;Cancel</source>
        <translation>&amp;Cancelar</translation>
    </message>
    <message>
        <source>&amp;Close</source>
        <translation>&amp;Fechar</translation>
    </message>
    <message>
        <source>&amp;Yes</source>
        <translation>&amp;Sim</translation>
    </message>
    <message>
        <source>&amp;No</source>
        <translation>&amp;Não</translation>
    </message>
    <message>
        <source>&lt; &amp;Back</source>
        <translation>&lt; &amp;Anterior</translation>
    </message>
    <message>
        <source>&amp;Next &gt;</source>
        <translation>&amp;Seguinte &gt;</translation>
    </message>
    <message>
        <source>&amp;Finish</source>
        <translation>C&amp;oncluir</translation>
    </message>
</context>
<context>
    <name>atalaia::ui::AddGroupWizard</name>
    <message>
        <source>Group</source>
        <translation>Grupo</translation>
    </message>
    <message>
        <source>Give permissions to groups rather than to single users: membership is easier to change.</source>
        <translation>Atribua permissões a grupos em vez de a utilizadores individuais: é mais fácil alterar quem é membro.</translation>
    </message>
    <message>
        <source>e.g. GroupUserManage</source>
        <translation>p. ex. GroupUserManage</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>&amp;Nome:</translation>
    </message>
    <message>
        <source>&amp;Comment:</source>
        <translation>&amp;Comentário:</translation>
    </message>
    <message>
        <source>A group name has only letters, digits, &apos;.&apos;, &apos;-&apos; and &apos;_&apos;.</source>
        <translation>Um nome de grupo só tem letras, algarismos, &apos;.&apos;, &apos;-&apos; e &apos;_&apos;.</translation>
    </message>
    <message>
        <source>Members</source>
        <translation>Membros</translation>
    </message>
    <message>
        <source>Check the users that belong to the group. You can change this later.</source>
        <translation>Assinale os utilizadores que pertencem ao grupo. Pode alterar isto mais tarde.</translation>
    </message>
    <message>
        <source>Cannot list the users: %1</source>
        <translation>Não é possível listar os utilizadores: %1</translation>
    </message>
    <message>
        <source>Add group</source>
        <translation>Adicionar grupo</translation>
    </message>
    <message>
        <source>Creating group %1…</source>
        <translation>A criar o grupo %1…</translation>
    </message>
    <message>
        <source>Could not create the group: %1</source>
        <translation>Não foi possível criar o grupo: %1</translation>
    </message>
    <message>
        <source>The group was created, but %1 could not be added: %2</source>
        <translation>O grupo foi criado, mas não foi possível adicionar %1: %2</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Fechar</translation>
    </message>
</context>
<context>
    <name>atalaia::ui::AddPermissionWizard</name>
    <message>
        <source>Path</source>
        <translation>Caminho</translation>
    </message>
    <message>
        <source>Where the permission applies: &apos;/&apos; is everything, &apos;/vms/100&apos; one guest, &apos;/access&apos; users and groups, &apos;/nodes/node1&apos; one node.</source>
        <translation>Onde a permissão se aplica: &apos;/&apos; é tudo, &apos;/vms/100&apos; um convidado, &apos;/access&apos; utilizadores e grupos, &apos;/nodes/node1&apos; um nó.</translation>
    </message>
    <message>
        <source>&amp;Propagate to everything below the path</source>
        <translation>&amp;Propagar a tudo o que está abaixo do caminho</translation>
    </message>
    <message>
        <source>P&amp;ath:</source>
        <translation>&amp;Caminho:</translation>
    </message>
    <message>
        <source>A path starts with &apos;/&apos; and has only letters, digits, &apos;.&apos;, &apos;-&apos;, &apos;_&apos; and &apos;/&apos;.</source>
        <translation>Um caminho começa por &apos;/&apos; e só tem letras, algarismos, &apos;.&apos;, &apos;-&apos;, &apos;_&apos; e &apos;/&apos;.</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>Função</translation>
    </message>
    <message>
        <source>A role is a set of privileges.</source>
        <translation>Uma função é um conjunto de privilégios.</translation>
    </message>
    <message>
        <source>&amp;Role:</source>
        <translation>&amp;Função:</translation>
    </message>
    <message>
        <source>Privileges:</source>
        <translation>Privilégios:</translation>
    </message>
    <message>
        <source>none (this role cancels all other roles on the path)</source>
        <translation>nenhum (esta função anula todas as outras funções no caminho)</translation>
    </message>
    <message>
        <source>User, group or API token</source>
        <translation>Utilizador, grupo ou token de API</translation>
    </message>
    <message>
        <source>Check the effective privileges below before you finish.</source>
        <translation>Verifique os privilégios efetivos abaixo antes de terminar.</translation>
    </message>
    <message>
        <source>&amp;Group</source>
        <translation>&amp;Grupo</translation>
    </message>
    <message>
        <source>&amp;User</source>
        <translation>&amp;Utilizador</translation>
    </message>
    <message>
        <source>API &amp;token</source>
        <translation>&amp;Token de API</translation>
    </message>
    <message>
        <source>User, group or token</source>
        <translation>Utilizador, grupo ou token</translation>
    </message>
    <message>
        <source>Effective privileges:</source>
        <translation>Privilégios efetivos:</translation>
    </message>
    <message>
        <source>Effective privileges preview</source>
        <translation>Pré-visualização dos privilégios efetivos</translation>
    </message>
    <message>
        <source>Add permission</source>
        <translation>Adicionar permissão</translation>
    </message>
    <message>
        <source>Members of group %1</source>
        <translation>Membros do grupo %1</translation>
    </message>
    <message>
        <source>%1 on %2 after this change:</source>
        <translation>%1 em %2 após esta alteração:</translation>
    </message>
    <message>
        <source>  no privileges</source>
        <translation>  sem privilégios</translation>
    </message>
    <message>
        <source>New with this change: %1</source>
        <translation>Novos com esta alteração: %1</translation>
    </message>
    <message>
        <source>nothing</source>
        <translation>nada</translation>
    </message>
    <message>
        <source>⚠ Lost with this change (this path&apos;s entries replace the inherited ones): %1</source>
        <translation>⚠ Perdidos com esta alteração (as entradas deste caminho substituem as herdadas): %1</translation>
    </message>
    <message>
        <source>Before: %1</source>
        <translation>Antes: %1</translation>
    </message>
    <message>
        <source>no privileges</source>
        <translation>sem privilégios</translation>
    </message>
    <message>
        <source>A token with privilege separation never gets more than its user has.</source>
        <translation>Um token com separação de privilégios nunca obtém mais do que o seu utilizador tem.</translation>
    </message>
    <message>
        <source>Could not add the permission: %1</source>
        <translation>Não foi possível adicionar a permissão: %1</translation>
    </message>
</context>
<context>
    <name>atalaia::ui::AddUserWizard</name>
    <message>
        <source>User name and realm</source>
        <translation>Nome de utilizador e domínio</translation>
    </message>
    <message>
        <source>Linux PAM users log in with their account&apos;s password on the nodes; Atalaia users have a password kept by the cluster.</source>
        <translation>Os utilizadores Linux PAM iniciam sessão com a palavra-passe da sua conta nos nós; os utilizadores Atalaia têm uma palavra-passe guardada pelo cluster.</translation>
    </message>
    <message>
        <source>e.g. roma</source>
        <translation>p. ex. roma</translation>
    </message>
    <message>
        <source>Atalaia / Proxmox VE authentication server (pve)</source>
        <translation>Servidor de autenticação do Atalaia / Proxmox VE (pve)</translation>
    </message>
    <message>
        <source>Linux PAM standard authentication (pam)</source>
        <translation>Autenticação padrão Linux PAM (pam)</translation>
    </message>
    <message>
        <source>User &amp;name:</source>
        <translation>&amp;Nome de utilizador:</translation>
    </message>
    <message>
        <source>&amp;Realm:</source>
        <translation>&amp;Domínio:</translation>
    </message>
    <message>
        <source>A user name has 1 to 60 characters and no spaces, &apos;:&apos;, &apos;/&apos; or &apos;@&apos;.</source>
        <translation>Um nome de utilizador tem de 1 a 60 caracteres e não tem espaços, &apos;:&apos;, &apos;/&apos; nem &apos;@&apos;.</translation>
    </message>
    <message>
        <source>Account</source>
        <translation>Conta</translation>
    </message>
    <message>
        <source>&amp;Password:</source>
        <translation>Palavra-&amp;passe:</translation>
    </message>
    <message>
        <source>&amp;Confirm password:</source>
        <translation>&amp;Confirmar a palavra-passe:</translation>
    </message>
    <message>
        <source>Strength:</source>
        <translation>Robustez:</translation>
    </message>
    <message>
        <source>The user logs in with the password of its Linux account on the nodes.</source>
        <translation>O utilizador inicia sessão com a palavra-passe da sua conta Linux nos nós.</translation>
    </message>
    <message>
        <source>Choose the user&apos;s password. It is stored as a yescrypt hash, never as text.</source>
        <translation>Escolha a palavra-passe do utilizador. É guardada como hash yescrypt, nunca como texto.</translation>
    </message>
    <message>
        <source>Checking whether the Linux account &apos;%1&apos; exists on the nodes…</source>
        <translation>A verificar se a conta Linux &apos;%1&apos; existe nos nós…</translation>
    </message>
    <message>
        <source>✔ The Linux account &apos;%1&apos; exists on every node.</source>
        <translation>✔ A conta Linux &apos;%1&apos; existe em todos os nós.</translation>
    </message>
    <message>
        <source>The Linux account &apos;%1&apos; does not exist on: %2. Without it the user cannot log in.</source>
        <translation>A conta Linux &apos;%1&apos; não existe em: %2. Sem ela, o utilizador não consegue iniciar sessão.</translation>
    </message>
    <message>
        <source>Could not check: %1.</source>
        <translation>Não foi possível verificar: %1.</translation>
    </message>
    <message>
        <source>Create the Linux account on %1 (without a password: set one there with passwd)</source>
        <translation>Criar a conta Linux em %1 (sem palavra-passe: defina-a lá com o passwd)</translation>
    </message>
    <message>
        <source>Groups and details</source>
        <translation>Grupos e detalhes</translation>
    </message>
    <message>
        <source>Permissions given to a group apply to all of its members.</source>
        <translation>As permissões atribuídas a um grupo aplicam-se a todos os seus membros.</translation>
    </message>
    <message>
        <source>Groups</source>
        <translation>Grupos</translation>
    </message>
    <message>
        <source>&amp;Enabled</source>
        <translation>&amp;Ativado</translation>
    </message>
    <message>
        <source>&amp;Never expires</source>
        <translation>&amp;Nunca expira</translation>
    </message>
    <message>
        <source>&amp;Groups:</source>
        <translation>&amp;Grupos:</translation>
    </message>
    <message>
        <source>E&amp;xpires:</source>
        <translation>E&amp;xpira:</translation>
    </message>
    <message>
        <source>E-&amp;mail:</source>
        <translation>&amp;E-mail:</translation>
    </message>
    <message>
        <source>&amp;Comment:</source>
        <translation>&amp;Comentário:</translation>
    </message>
    <message>
        <source>Summary</source>
        <translation>Resumo</translation>
    </message>
    <message>
        <source>Finish creates the user.</source>
        <translation>Terminar cria o utilizador.</translation>
    </message>
    <message>
        <source>Add user</source>
        <translation>Adicionar utilizador</translation>
    </message>
    <message>
        <source>too short (at least 8 characters)</source>
        <translation>demasiado curta (pelo menos 8 caracteres)</translation>
    </message>
    <message>
        <source>weak</source>
        <translation>fraca</translation>
    </message>
    <message>
        <source>fair</source>
        <translation>razoável</translation>
    </message>
    <message>
        <source>good</source>
        <translation>boa</translation>
    </message>
    <message>
        <source>strong</source>
        <translation>forte</translation>
    </message>
    <message>
        <source>User: %1</source>
        <translation>Utilizador: %1</translation>
    </message>
    <message>
        <source>Groups: %1</source>
        <translation>Grupos: %1</translation>
    </message>
    <message>
        <source>none</source>
        <translation>nenhum</translation>
    </message>
    <message>
        <source>Enabled: %1</source>
        <translation>Ativado: %1</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>sim</translation>
    </message>
    <message>
        <source>no</source>
        <translation>não</translation>
    </message>
    <message>
        <source>Expires: %1</source>
        <translation>Expira: %1</translation>
    </message>
    <message>
        <source>never</source>
        <translation>nunca</translation>
    </message>
    <message>
        <source>E-mail: %1</source>
        <translation>E-mail: %1</translation>
    </message>
    <message>
        <source>Comment: %1</source>
        <translation>Comentário: %1</translation>
    </message>
    <message>
        <source>Linux account to create on: %1</source>
        <translation>Conta Linux a criar em: %1</translation>
    </message>
    <message>
        <source>Creating %1…</source>
        <translation>A criar %1…</translation>
    </message>
    <message>
        <source>Could not create the user: %1</source>
        <translation>Não foi possível criar o utilizador: %1</translation>
    </message>
</context>
<context>
    <name>atalaia::ui::ClusterPanel</name>
    <message>
        <source>Node</source>
        <translation>Nó</translation>
    </message>
    <message>
        <source>ID</source>
        <translation>ID</translation>
    </message>
    <message>
        <source>Votes</source>
        <translation>Votos</translation>
    </message>
    <message>
        <source>Online</source>
        <translation>Em linha</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>Endereço</translation>
    </message>
    <message>
        <source>Cluster nodes</source>
        <translation>Nós do cluster</translation>
    </message>
    <message>
        <source>Join Information (give it to a node that joins; it holds no secret):</source>
        <translation>Informação de adesão (dê-a a um nó que vai aderir; não contém segredos):</translation>
    </message>
    <message>
        <source>Join Information</source>
        <translation>Informação de adesão</translation>
    </message>
    <message>
        <source>&amp;Copy Join Information</source>
        <translation>&amp;Copiar a informação de adesão</translation>
    </message>
    <message>
        <source>Cannot read the cluster&apos;s status: %1</source>
        <translation>Não é possível ler o estado do cluster: %1</translation>
    </message>
    <message numerus="yes">
        <source>Cluster &lt;b&gt;%1&lt;/b&gt;: %n node(s), configuration version %2 — %3</source>
        <translation>
            <numerusform>Cluster &lt;b&gt;%1&lt;/b&gt;: %n nó, versão da configuração %2 — %3</numerusform>
            <numerusform>Cluster &lt;b&gt;%1&lt;/b&gt;: %n nós, versão da configuração %2 — %3</numerusform>
        </translation>
    </message>
    <message>
        <source>quorate</source>
        <translation>com quórum</translation>
    </message>
    <message>
        <source>&lt;b&gt;not quorate: the configuration is read-only&lt;/b&gt;</source>
        <translation>&lt;b&gt;sem quórum: a configuração só pode ser lida&lt;/b&gt;</translation>
    </message>
    <message>
        <source>Yes</source>
        <translation>Sim</translation>
    </message>
    <message>
        <source>No</source>
        <translation>Não</translation>
    </message>
    <message>
        <source>Not available: %1</source>
        <translation>Indisponível: %1</translation>
    </message>
    <message>
        <source>link%1 ✓</source>
        <translation>link%1 ✓</translation>
    </message>
    <message>
        <source>link%1 ✗</source>
        <translation>link%1 ✗</translation>
    </message>
    <message>
        <source>Link %1 (%2): connected</source>
        <translation>Ligação %1 (%2): ligada</translation>
    </message>
    <message>
        <source>Link %1 (%2): not connected</source>
        <translation>Ligação %1 (%2): sem ligação</translation>
    </message>
    <message>
        <source>C&amp;reate Cluster</source>
        <translation>C&amp;riar cluster</translation>
    </message>
    <message>
        <source>Join &amp;Information</source>
        <translation>&amp;Informação de adesão</translation>
    </message>
    <message>
        <source>&amp;Join Cluster</source>
        <translation>A&amp;derir a um cluster</translation>
    </message>
    <message>
        <source>Links</source>
        <translation>Ligações</translation>
    </message>
    <message>
        <source>Only root@pam, logged in with its password, may create or join a cluster (as in Proxmox VE).</source>
        <translation>Só o root@pam, com sessão iniciada com a sua palavra-passe, pode criar um cluster ou aderir a um (como no Proxmox VE).</translation>
    </message>
    <message>
        <source>This node is already in cluster %1.</source>
        <translation>Este nó já pertence ao cluster %1.</translation>
    </message>
    <message>
        <source>Make this node the first member of a new cluster.</source>
        <translation>Tornar este nó o primeiro membro de um novo cluster.</translation>
    </message>
    <message>
        <source>Add this node to an existing cluster.</source>
        <translation>Juntar este nó a um cluster existente.</translation>
    </message>
    <message>
        <source>What a node needs to join this cluster.</source>
        <translation>O que um nó precisa para aderir a este cluster.</translation>
    </message>
    <message>
        <source>Standalone node: create a cluster first.</source>
        <translation>Nó autónomo: crie primeiro um cluster.</translation>
    </message>
    <message>
        <source>This node is standalone: it is not in a cluster. Create one here, or join an existing one.</source>
        <translation>Este nó é autónomo: não pertence a nenhum cluster. Crie um aqui ou adira a um existente.</translation>
    </message>
</context>
<context>
    <name>atalaia::ui::ClusterTaskWizard</name>
    <message>
        <source>Summary</source>
        <translation>Resumo</translation>
    </message>
    <message>
        <source>The node answered without a task: nothing was started.</source>
        <translation>O nó respondeu sem uma tarefa: nada foi iniciado.</translation>
    </message>
    <message>
        <source>The log above says why. The node stays standalone unless the log says otherwise.</source>
        <translation>O registo acima diz porquê. O nó continua autónomo, a não ser que o registo diga o contrário.</translation>
    </message>
</context>
<context>
    <name>atalaia::ui::ConnectionDialog</name>
    <message>
        <source>Connect to a cluster</source>
        <translation>Ligar a um cluster</translation>
    </message>
    <message>
        <source>e.g. Lisbon lab</source>
        <translation>p. ex. Laboratório de Lisboa</translation>
    </message>
    <message>
        <source>node1.example.org, 192.0.2.12:8006</source>
        <translation>node1.example.org, 192.0.2.12:8006</translation>
    </message>
    <message>
        <source>One address per cluster node, separated by commas. The console moves to the next one when a node does not answer. The port defaults to 8006.</source>
        <translation>Um endereço por nó do cluster, separados por vírgulas. A consola passa para o seguinte quando um nó não responde. A porta predefinida é 8006.</translation>
    </message>
    <message>
        <source>Linux PAM standard authentication</source>
        <translation>Autenticação padrão Linux PAM</translation>
    </message>
    <message>
        <source>Atalaia / Proxmox VE authentication server</source>
        <translation>Servidor de autenticação do Atalaia / Proxmox VE</translation>
    </message>
    <message>
        <source>optional: API token name</source>
        <translation>opcional: nome do token de API</translation>
    </message>
    <message>
        <source>Remember in the keychain</source>
        <translation>Lembrar no porta-chaves</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>&amp;Nome:</translation>
    </message>
    <message>
        <source>&amp;Addresses:</source>
        <translation>&amp;Endereços:</translation>
    </message>
    <message>
        <source>&amp;User name:</source>
        <translation>Nome de &amp;utilizador:</translation>
    </message>
    <message>
        <source>&amp;Realm:</source>
        <translation>&amp;Domínio:</translation>
    </message>
    <message>
        <source>API &amp;token:</source>
        <translation>&amp;Token de API:</translation>
    </message>
    <message>
        <source>&amp;Password:</source>
        <translation>Palavra-&amp;passe:</translation>
    </message>
    <message>
        <source>&amp;Connect</source>
        <translation>&amp;Ligar</translation>
    </message>
    <message>
        <source>Token &amp;secret:</source>
        <translation>&amp;Segredo do token:</translation>
    </message>
    <message>
        <source>Remember in the keychain (no keychain available: the password is asked each time)</source>
        <translation>Lembrar no porta-chaves (não há porta-chaves disponível: a palavra-passe é pedida de cada vez)</translation>
    </message>
    <message>
        <source>Enter the address of at least one node of the cluster.</source>
        <translation>Introduza o endereço de pelo menos um nó do cluster.</translation>
    </message>
    <message>
        <source>Enter the user name to log in with.</source>
        <translation>Introduza o nome de utilizador com que quer iniciar sessão.</translation>
    </message>
    <message>
        <source>Enter the user name without &apos;@realm&apos;: choose the realm below it.</source>
        <translation>Introduza o nome de utilizador sem &apos;@domínio&apos;: escolha o domínio mais abaixo.</translation>
    </message>
    <message>
        <source>Enter the password.</source>
        <translation>Introduza a palavra-passe.</translation>
    </message>
    <message>
        <source>Enter the API token&apos;s secret.</source>
        <translation>Introduza o segredo do token de API.</translation>
    </message>
</context>
<context>
    <name>atalaia::ui::ContentPane</name>
    <message>
        <source>Summary</source>
        <translation>Resumo</translation>
    </message>
    <message>
        <source>Tasks</source>
        <translation>Tarefas</translation>
    </message>
    <message>
        <source>Permissions</source>
        <translation>Permissões</translation>
    </message>
    <message>
        <source>Cluster</source>
        <translation>Cluster</translation>
    </message>
    <message>
        <source>Resources</source>
        <translation>Recursos</translation>
    </message>
    <message>
        <source>Hardware</source>
        <translation>Hardware</translation>
    </message>
    <message>
        <source>Options</source>
        <translation>Opções</translation>
    </message>
</context>
<context>
    <name>atalaia::ui::CreateClusterWizard</name>
    <message>
        <source>Create cluster</source>
        <translation>Criar cluster</translation>
    </message>
    <message>
        <source>e.g. lisboa</source>
        <translation>p. ex. lisboa</translation>
    </message>
    <message>
        <source>Cluster na&amp;me:</source>
        <translation>No&amp;me do cluster:</translation>
    </message>
    <message>
        <source>Link &amp;0:</source>
        <translation>Ligação &amp;0:</translation>
    </message>
    <message>
        <source>Link &amp;1:</source>
        <translation>Ligação &amp;1:</translation>
    </message>
    <message>
        <source>Link %1: none</source>
        <translation>Ligação %1: nenhuma</translation>
    </message>
    <message>
        <source>Link %1: %2</source>
        <translation>Ligação %1: %2</translation>
    </message>
    <message>
        <source>Link %1: %2 (%3)</source>
        <translation>Ligação %1: %2 (%3)</translation>
    </message>
    <message>
        <source>Cluster name: %1</source>
        <translation>Nome do cluster: %1</translation>
    </message>
    <message>
        <source>Node: %1 (the first member)</source>
        <translation>Nó: %1 (o primeiro membro)</translation>
    </message>
    <message>
        <source>C&amp;reate</source>
        <translation>C&amp;riar</translation>
    </message>
    <message>
        <source>Creating the cluster</source>
        <translation>A criar o cluster</translation>
    </message>
    <message>
        <source>A cluster name has at most %1 characters.</source>
        <translation>Um nome de cluster tem no máximo %1 caracteres.</translation>
    </message>
    <message>
        <source>A cluster name has only letters, digits and &apos;-&apos;, and does not start or end with &apos;-&apos;.</source>
        <translation>Um nome de cluster tem apenas letras, algarismos e &apos;-&apos;, e não começa nem acaba em &apos;-&apos;.</translation>
    </message>
    <message>
        <source>This node is already in cluster %1: a node is a member of one cluster only.</source>
        <translation>Este nó já pertence ao cluster %1: um nó só pode ser membro de um cluster.</translation>
    </message>
    <message>
        <source>Each link needs its own address: links 0 and 1 both use %1.</source>
        <translation>Cada ligação precisa do seu próprio endereço: as ligações 0 e 1 usam ambas %1.</translation>
    </message>
    <message>
        <source>Reading this node&apos;s state and addresses…</source>
        <translation>A ler o estado e os endereços deste nó…</translation>
    </message>
    <message>
        <source>Cannot read the node&apos;s cluster state: %1</source>
        <translation>Não é possível ler o estado de cluster do nó: %1</translation>
    </message>
    <message>
        <source>The node did not say its name: type its addresses.</source>
        <translation>O nó não indicou o seu nome: escreva os endereços dele.</translation>
    </message>
    <message>
        <source>Cannot list the node&apos;s network interfaces (%1): type its addresses.</source>
        <translation>Não é possível listar as interfaces de rede do nó (%1): escreva os endereços dele.</translation>
    </message>
    <message>
        <source>The node reports no addresses: type them.</source>
        <translation>O nó não indica nenhum endereço: escreva-os.</translation>
    </message>
    <message>
        <source>Asking %1 to create cluster %2…</source>
        <translation>A pedir a %1 que crie o cluster %2…</translation>
    </message>
    <message>
        <source>The node refused to create the cluster: %1</source>
        <translation>O nó recusou criar o cluster: %1</translation>
    </message>
    <message>
        <source>Create cluster %1</source>
        <translation>Criar o cluster %1</translation>
    </message>
    <message>
        <source>Creating cluster %1 on %2…</source>
        <translation>A criar o cluster %1 em %2…</translation>
    </message>
    <message>
        <source>Creating the cluster failed: %1</source>
        <translation>A criação do cluster falhou: %1</translation>
    </message>
    <message>
        <source>Cluster %1 created.</source>
        <translation>Cluster %1 criado.</translation>
    </message>
    <message>
        <source>Other nodes join it with its Join Information: Datacenter → Cluster → Join Information.</source>
        <translation>Os outros nós aderem com a informação de adesão dele: Centro de dados → Cluster → Informação de adesão.</translation>
    </message>
    <message>
        <source>This node becomes the first member of a new cluster, whose members keep in touch over one or two networks (corosync links).</source>
        <translation>Este nó passa a ser o primeiro membro de um novo cluster, cujos membros comunicam por uma ou duas redes (ligações do corosync).</translation>
    </message>
    <message>
        <source>Create sets up corosync on this node and starts the cluster.</source>
        <translation>Criar configura o corosync neste nó e arranca o cluster.</translation>
    </message>
</context>
<context>
    <name>atalaia::ui::CreateCtWizard</name>
    <message>
        <source>General</source>
        <translation>Geral</translation>
    </message>
    <message>
        <source>Where the container runs, its ID and host name, and how root logs in to it.</source>
        <translation>Onde o contentor corre, o seu ID e nome de anfitrião, e como o root entra nele.</translation>
    </message>
    <message>
        <source>e.g. db1 (optional)</source>
        <translation>p. ex. db1 (opcional)</translation>
    </message>
    <message>
        <source>&amp;Unprivileged container</source>
        <translation>Contentor sem &amp;privilégios</translation>
    </message>
    <message>
        <source>ssh-ed25519 AAAA… (one key a line; optional with a password)</source>
        <translation>ssh-ed25519 AAAA… (uma chave por linha; opcional com palavra-passe)</translation>
    </message>
    <message>
        <source>&amp;Hostname:</source>
        <translation>Nome de &amp;anfitrião:</translation>
    </message>
    <message>
        <source>&amp;Password:</source>
        <translation>Palavra-&amp;passe:</translation>
    </message>
    <message>
        <source>&amp;Confirm password:</source>
        <translation>&amp;Confirmar a palavra-passe:</translation>
    </message>
    <message>
        <source>SSH public &amp;keys:</source>
        <translation>&amp;Chaves públicas SSH:</translation>
    </message>
    <message>
        <source>Template</source>
        <translation>Modelo</translation>
    </message>
    <message>
        <source>The container&apos;s root file system starts as a copy of a template.</source>
        <translation>O sistema de ficheiros raiz do contentor começa como uma cópia de um modelo.</translation>
    </message>
    <message>
        <source>&amp;Storage:</source>
        <translation>&amp;Armazenamento:</translation>
    </message>
    <message>
        <source>&amp;Template:</source>
        <translation>&amp;Modelo:</translation>
    </message>
    <message>
        <source>Reading the node&apos;s storages…</source>
        <translation>A ler os armazenamentos do nó…</translation>
    </message>
    <message>
        <source>Cannot list the storages: %1</source>
        <translation>Não é possível listar os armazenamentos: %1</translation>
    </message>
    <message>
        <source>No storage of %1 holds container templates.</source>
        <translation>Nenhum armazenamento de %1 guarda modelos de contentor.</translation>
    </message>
    <message>
        <source>Cannot list the templates: %1</source>
        <translation>Não é possível listar os modelos: %1</translation>
    </message>
    <message>
        <source>This storage has no template: download one to it first.</source>
        <translation>Este armazenamento não tem modelos: descarregue primeiro um para ele.</translation>
    </message>
    <message>
        <source>Disks</source>
        <translation>Discos</translation>
    </message>
    <message>
        <source>The container&apos;s root disk, a new volume on a storage of the node.</source>
        <translation>O disco raiz do contentor, um volume novo num armazenamento do nó.</translation>
    </message>
    <message>
        <source> GiB</source>
        <translation> GiB</translation>
    </message>
    <message>
        <source>Disk si&amp;ze:</source>
        <translation>&amp;Tamanho do disco:</translation>
    </message>
    <message>
        <source>No storage of %1 holds container disks.</source>
        <translation>Nenhum armazenamento de %1 guarda discos de contentor.</translation>
    </message>
    <message>
        <source>The storage has only %1 free: the disk can fill it up as the container writes.</source>
        <translation>O armazenamento tem apenas %1 livres: o disco pode enchê-lo à medida que o contentor escreve.</translation>
    </message>
    <message>
        <source>CPU</source>
        <translation>CPU</translation>
    </message>
    <message>
        <source>How many of the node&apos;s cores the container may use.</source>
        <translation>Quantos núcleos do nó o contentor pode usar.</translation>
    </message>
    <message>
        <source>&amp;Cores:</source>
        <translation>&amp;Núcleos:</translation>
    </message>
    <message>
        <source>Memory</source>
        <translation>Memória</translation>
    </message>
    <message>
        <source>The container&apos;s memory and swap, in MiB.</source>
        <translation>A memória e a swap do contentor, em MiB.</translation>
    </message>
    <message>
        <source> MiB</source>
        <translation> MiB</translation>
    </message>
    <message>
        <source>&amp;Memory:</source>
        <translation>&amp;Memória:</translation>
    </message>
    <message>
        <source>S&amp;wap:</source>
        <translation>S&amp;wap:</translation>
    </message>
    <message>
        <source>Network</source>
        <translation>Rede</translation>
    </message>
    <message>
        <source>The container&apos;s eth0, plugged into a bridge of the node.</source>
        <translation>A eth0 do contentor, ligada a uma bridge do nó.</translation>
    </message>
    <message>
        <source>no VLAN</source>
        <translation>sem VLAN</translation>
    </message>
    <message>
        <source>&amp;Firewall</source>
        <translation>&amp;Firewall</translation>
    </message>
    <message>
        <source>&amp;DHCP</source>
        <translation>&amp;DHCP</translation>
    </message>
    <message>
        <source>S&amp;tatic</source>
        <translation>Es&amp;tático</translation>
    </message>
    <message>
        <source>e.g. 10.0.0.5/24</source>
        <translation>p. ex. 10.0.0.5/24</translation>
    </message>
    <message>
        <source>e.g. 10.0.0.1 (optional)</source>
        <translation>p. ex. 10.0.0.1 (opcional)</translation>
    </message>
    <message>
        <source>None</source>
        <translation>Nenhum</translation>
    </message>
    <message>
        <source>DHCP</source>
        <translation>DHCP</translation>
    </message>
    <message>
        <source>SLAAC</source>
        <translation>SLAAC</translation>
    </message>
    <message>
        <source>Name:</source>
        <translation>Nome:</translation>
    </message>
    <message>
        <source>&amp;Bridge:</source>
        <translation>&amp;Bridge:</translation>
    </message>
    <message>
        <source>&amp;VLAN tag:</source>
        <translation>Etiqueta &amp;VLAN:</translation>
    </message>
    <message>
        <source>IPv4:</source>
        <translation>IPv4:</translation>
    </message>
    <message>
        <source>IPv4/C&amp;IDR:</source>
        <translation>IPv4/C&amp;IDR:</translation>
    </message>
    <message>
        <source>&amp;Gateway (IPv4):</source>
        <translation>&amp;Gateway (IPv4):</translation>
    </message>
    <message>
        <source>IPv&amp;6:</source>
        <translation>IPv&amp;6:</translation>
    </message>
    <message>
        <source>Create container</source>
        <translation>Criar contentor</translation>
    </message>
    <message>
        <source>CT %1</source>
        <translation>CT %1</translation>
    </message>
    <message>
        <source>Give root a password, or an SSH public key to log in with.</source>
        <translation>Dê ao root uma palavra-passe, ou uma chave pública SSH com que entrar.</translation>
    </message>
    <message numerus="yes">
        <source>The password has at least %n characters.</source>
        <translation>
            <numerusform>A palavra-passe tem pelo menos %n carácter.</numerusform>
            <numerusform>A palavra-passe tem pelo menos %n caracteres.</numerusform>
        </translation>
    </message>
    <message>
        <source>The passwords differ.</source>
        <translation>As palavras-passe diferem.</translation>
    </message>
    <message>
        <source>&apos;%1…&apos; is not an SSH public key (ssh-ed25519 …, ssh-rsa …, ecdsa-…).</source>
        <translation>&apos;%1…&apos; não é uma chave pública SSH (ssh-ed25519 …, ssh-rsa …, ecdsa-…).</translation>
    </message>
    <message>
        <source>Choose the bridge to plug eth0 into.</source>
        <translation>Escolha a bridge a que ligar a eth0.</translation>
    </message>
    <message>
        <source>Give the address with its prefix length, e.g. 10.0.0.5/24.</source>
        <translation>Indique o endereço com o comprimento do prefixo, p. ex. 10.0.0.5/24.</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not an IPv4 address.</source>
        <translation>&apos;%1&apos; não é um endereço IPv4.</translation>
    </message>
    <message>
        <source>The gateway %1 is not in %2.</source>
        <translation>O gateway %1 não está em %2.</translation>
    </message>
    <message>
        <source>Node</source>
        <translation>Nó</translation>
    </message>
    <message>
        <source>CT ID</source>
        <translation>ID do CT</translation>
    </message>
    <message>
        <source>(set)</source>
        <translation>(definida)</translation>
    </message>
</context>
<context>
    <name>atalaia::ui::CreateVmWizard</name>
    <message>
        <source>General</source>
        <translation>Geral</translation>
    </message>
    <message>
        <source>Where the virtual machine runs, its ID in the cluster and its name.</source>
        <translation>Onde a máquina virtual corre, o seu ID no cluster e o seu nome.</translation>
    </message>
    <message>
        <source>e.g. web1 (optional)</source>
        <translation>p. ex. web1 (opcional)</translation>
    </message>
    <message>
        <source>N&amp;ame:</source>
        <translation>N&amp;ome:</translation>
    </message>
    <message>
        <source>OS</source>
        <translation>SO</translation>
    </message>
    <message>
        <source>The installation medium in the VM&apos;s CD/DVD drive, and the kind of guest operating system.</source>
        <translation>O suporte de instalação na unidade de CD/DVD da VM, e o tipo de sistema operativo convidado.</translation>
    </message>
    <message>
        <source>&amp;Use a CD/DVD disc image file (ISO)</source>
        <translation>&amp;Usar um ficheiro de imagem de disco CD/DVD (ISO)</translation>
    </message>
    <message>
        <source>&amp;Do not use any media</source>
        <translation>&amp;Não usar nenhum suporte</translation>
    </message>
    <message>
        <source>Linux 6.x - 2.6 kernel</source>
        <translation>Linux com kernel 6.x - 2.6</translation>
    </message>
    <message>
        <source>Microsoft Windows 11/2022/2025</source>
        <translation>Microsoft Windows 11/2022/2025</translation>
    </message>
    <message>
        <source>Microsoft Windows 10/2016/2019</source>
        <translation>Microsoft Windows 10/2016/2019</translation>
    </message>
    <message>
        <source>Solaris kernel</source>
        <translation>Kernel Solaris</translation>
    </message>
    <message>
        <source>Other</source>
        <translation>Outro</translation>
    </message>
    <message>
        <source>&amp;Storage:</source>
        <translation>&amp;Armazenamento:</translation>
    </message>
    <message>
        <source>ISO ima&amp;ge:</source>
        <translation>I&amp;magem ISO:</translation>
    </message>
    <message>
        <source>Guest &amp;OS:</source>
        <translation>SO &amp;convidado:</translation>
    </message>
    <message>
        <source>Reading the node&apos;s storages…</source>
        <translation>A ler os armazenamentos do nó…</translation>
    </message>
    <message>
        <source>Cannot list the storages: %1</source>
        <translation>Não é possível listar os armazenamentos: %1</translation>
    </message>
    <message>
        <source>No storage of %1 holds ISO images.</source>
        <translation>Nenhum armazenamento de %1 guarda imagens ISO.</translation>
    </message>
    <message>
        <source>Cannot list the images: %1</source>
        <translation>Não é possível listar as imagens: %1</translation>
    </message>
    <message>
        <source>This storage has no ISO image: upload one, or choose no media.</source>
        <translation>Este armazenamento não tem imagens ISO: carregue uma, ou escolha nenhum suporte.</translation>
    </message>
    <message>
        <source>System</source>
        <translation>Sistema</translation>
    </message>
    <message>
        <source>The emulated machine, its firmware and the controller of its SCSI disks.</source>
        <translation>A máquina emulada, o seu firmware e o controlador dos seus discos SCSI.</translation>
    </message>
    <message>
        <source>Default (i440fx)</source>
        <translation>Predefinição (i440fx)</translation>
    </message>
    <message>
        <source>Default (SeaBIOS)</source>
        <translation>Predefinição (SeaBIOS)</translation>
    </message>
    <message>
        <source>OVMF (UEFI)</source>
        <translation>OVMF (UEFI)</translation>
    </message>
    <message>
        <source>Without an EFI disk, settings made in the UEFI menus are lost when the VM stops.</source>
        <translation>Sem um disco EFI, as definições feitas nos menus UEFI perdem-se quando a VM para.</translation>
    </message>
    <message>
        <source>VirtIO SCSI single</source>
        <translation>VirtIO SCSI single</translation>
    </message>
    <message>
        <source>VirtIO SCSI</source>
        <translation>VirtIO SCSI</translation>
    </message>
    <message>
        <source>LSI 53C895A</source>
        <translation>LSI 53C895A</translation>
    </message>
    <message>
        <source>MegaRAID SAS 8708EM2</source>
        <translation>MegaRAID SAS 8708EM2</translation>
    </message>
    <message>
        <source>&amp;Machine:</source>
        <translation>&amp;Máquina:</translation>
    </message>
    <message>
        <source>&amp;BIOS:</source>
        <translation>&amp;BIOS:</translation>
    </message>
    <message>
        <source>&amp;SCSI controller:</source>
        <translation>Controlador &amp;SCSI:</translation>
    </message>
    <message>
        <source>Disks</source>
        <translation>Discos</translation>
    </message>
    <message>
        <source>The VM&apos;s first hard disk, a new volume on a storage of the node.</source>
        <translation>O primeiro disco rígido da VM, um volume novo num armazenamento do nó.</translation>
    </message>
    <message>
        <source> GiB</source>
        <translation> GiB</translation>
    </message>
    <message>
        <source>Raw disk image (raw)</source>
        <translation>Imagem de disco em bruto (raw)</translation>
    </message>
    <message>
        <source>QEMU image format (qcow2)</source>
        <translation>Formato de imagem QEMU (qcow2)</translation>
    </message>
    <message>
        <source>&amp;Bus/Device:</source>
        <translation>&amp;Barramento/dispositivo:</translation>
    </message>
    <message>
        <source>Disk si&amp;ze:</source>
        <translation>&amp;Tamanho do disco:</translation>
    </message>
    <message>
        <source>&amp;Format:</source>
        <translation>&amp;Formato:</translation>
    </message>
    <message>
        <source>No storage of %1 holds disk images.</source>
        <translation>Nenhum armazenamento de %1 guarda imagens de disco.</translation>
    </message>
    <message>
        <source>The storage has only %1 free: the disk can fill it up as the guest writes.</source>
        <translation>O armazenamento tem apenas %1 livres: o disco pode enchê-lo à medida que o convidado escreve.</translation>
    </message>
    <message>
        <source>CPU</source>
        <translation>CPU</translation>
    </message>
    <message>
        <source>How many virtual processors the VM sees, and which CPU model they emulate.</source>
        <translation>Quantos processadores virtuais a VM vê, e que modelo de CPU emulam.</translation>
    </message>
    <message>
        <source>&amp;Sockets:</source>
        <translation>&amp;Sockets:</translation>
    </message>
    <message>
        <source>&amp;Cores:</source>
        <translation>&amp;Núcleos:</translation>
    </message>
    <message>
        <source>Total cores:</source>
        <translation>Total de núcleos:</translation>
    </message>
    <message>
        <source>&amp;Type:</source>
        <translation>&amp;Tipo:</translation>
    </message>
    <message>
        <source>Memory</source>
        <translation>Memória</translation>
    </message>
    <message>
        <source>The VM&apos;s memory, in MiB.</source>
        <translation>A memória da VM, em MiB.</translation>
    </message>
    <message>
        <source> MiB</source>
        <translation> MiB</translation>
    </message>
    <message>
        <source>&amp;Memory:</source>
        <translation>&amp;Memória:</translation>
    </message>
    <message>
        <source>Network</source>
        <translation>Rede</translation>
    </message>
    <message>
        <source>The VM&apos;s first network card, plugged into a bridge of the node.</source>
        <translation>A primeira placa de rede da VM, ligada a uma bridge do nó.</translation>
    </message>
    <message>
        <source>No &amp;network device</source>
        <translation>Sem dispositivo de &amp;rede</translation>
    </message>
    <message>
        <source>VirtIO (paravirtualized)</source>
        <translation>VirtIO (paravirtualizado)</translation>
    </message>
    <message>
        <source>Intel E1000</source>
        <translation>Intel E1000</translation>
    </message>
    <message>
        <source>Realtek RTL8139</source>
        <translation>Realtek RTL8139</translation>
    </message>
    <message>
        <source>VMware vmxnet3</source>
        <translation>VMware vmxnet3</translation>
    </message>
    <message>
        <source>no VLAN</source>
        <translation>sem VLAN</translation>
    </message>
    <message>
        <source>&amp;Firewall</source>
        <translation>&amp;Firewall</translation>
    </message>
    <message>
        <source>&amp;Bridge:</source>
        <translation>&amp;Bridge:</translation>
    </message>
    <message>
        <source>&amp;Model:</source>
        <translation>&amp;Modelo:</translation>
    </message>
    <message>
        <source>&amp;VLAN tag:</source>
        <translation>Etiqueta &amp;VLAN:</translation>
    </message>
    <message>
        <source>Create virtual machine</source>
        <translation>Criar máquina virtual</translation>
    </message>
    <message>
        <source>VM %1</source>
        <translation>VM %1</translation>
    </message>
    <message>
        <source>Node</source>
        <translation>Nó</translation>
    </message>
    <message>
        <source>VM ID</source>
        <translation>ID da VM</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nome</translation>
    </message>
</context>
<context>
    <name>atalaia::ui::DeleteGuestDialog</name>
    <message>
        <source>Destroy %1</source>
        <translation>Destruir %1</translation>
    </message>
    <message>
        <source>&lt;b&gt;%1 and all its disks are destroyed for good.&lt;/b&gt; Type its ID, %2, to confirm.</source>
        <translation>&lt;b&gt;%1 e todos os seus discos são destruídos para sempre.&lt;/b&gt; Escreva o seu ID, %2, para confirmar.</translation>
    </message>
    <message>
        <source>ID of the guest to destroy</source>
        <translation>ID do convidado a destruir</translation>
    </message>
    <message>
        <source>&amp;Purge from job configurations (ACL, HA, replication, backup)</source>
        <translation>&amp;Purgar das configurações de tarefas (ACL, HA, replicação, cópias de segurança)</translation>
    </message>
    <message>
        <source>&amp;Destroy unreferenced disks owned by the guest</source>
        <translation>&amp;Destruir os discos do convidado que não estão referenciados</translation>
    </message>
    <message>
        <source>&amp;Destroy</source>
        <translation>&amp;Destruir</translation>
    </message>
</context>
<context>
    <name>atalaia::ui::EditDialog</name>
    <message>
        <source>&amp;Never expires</source>
        <translation>&amp;Nunca expira</translation>
    </message>
    <message>
        <source>Edit user %1</source>
        <translation>Editar o utilizador %1</translation>
    </message>
    <message>
        <source>&amp;Enabled</source>
        <translation>&amp;Ativado</translation>
    </message>
    <message>
        <source>Groups</source>
        <translation>Grupos</translation>
    </message>
    <message>
        <source>&amp;First name:</source>
        <translation>Nome &amp;próprio:</translation>
    </message>
    <message>
        <source>&amp;Last name:</source>
        <translation>Ape&amp;lido:</translation>
    </message>
    <message>
        <source>E-&amp;mail:</source>
        <translation>&amp;E-mail:</translation>
    </message>
    <message>
        <source>E&amp;xpires:</source>
        <translation>E&amp;xpira:</translation>
    </message>
    <message>
        <source>&amp;Groups:</source>
        <translation>&amp;Grupos:</translation>
    </message>
    <message>
        <source>Edit group %1</source>
        <translation>Editar o grupo %1</translation>
    </message>
    <message>
        <source>Edit API token %1</source>
        <translation>Editar o token de API %1</translation>
    </message>
    <message>
        <source>&amp;Privilege separation (the token gets only the permissions given to it)</source>
        <translation>&amp;Separação de privilégios (o token recebe apenas as permissões que lhe forem dadas)</translation>
    </message>
    <message>
        <source>&amp;Comment:</source>
        <translation>&amp;Comentário:</translation>
    </message>
    <message>
        <source>Cannot list the groups: %1</source>
        <translation>Não é possível listar os grupos: %1</translation>
    </message>
    <message>
        <source>Could not save: %1</source>
        <translation>Não foi possível guardar: %1</translation>
    </message>
    <message>
        <source>Edit role %1</source>
        <translation>Editar a função %1</translation>
    </message>
    <message>
        <source>Privileges</source>
        <translation>Privilégios</translation>
    </message>
    <message>
        <source>&amp;Privileges:</source>
        <translation>&amp;Privilégios:</translation>
    </message>
    <message>
        <source>Edit realm %1</source>
        <translation>Editar o domínio %1</translation>
    </message>
    <message>
        <source>&amp;Default realm at login</source>
        <translation>Domínio pre&amp;definido ao iniciar sessão</translation>
    </message>
    <message>
        <source>Cannot list the privileges: %1</source>
        <translation>Não é possível listar os privilégios: %1</translation>
    </message>
</context>
<context>
    <name>atalaia::ui::GuestActions</name>
    <message>
        <source>Create &amp;VM…</source>
        <translation>Criar &amp;VM…</translation>
    </message>
    <message>
        <source>Create C&amp;T…</source>
        <translation>Criar C&amp;T…</translation>
    </message>
    <message>
        <source>&amp;Start</source>
        <translation>&amp;Iniciar</translation>
    </message>
    <message>
        <source>S&amp;hutdown</source>
        <translation>&amp;Encerrar</translation>
    </message>
    <message>
        <source>S&amp;top</source>
        <translation>&amp;Parar</translation>
    </message>
    <message>
        <source>&amp;Reboot</source>
        <translation>&amp;Reiniciar</translation>
    </message>
    <message>
        <source>&amp;Migrate…</source>
        <translation>&amp;Migrar…</translation>
    </message>
    <message>
        <source>&amp;Destroy…</source>
        <translation>&amp;Destruir…</translation>
    </message>
    <message>
        <source>VM %1</source>
        <translation>VM %1</translation>
    </message>
    <message>
        <source>VM %1 (%2)</source>
        <translation>VM %1 (%2)</translation>
    </message>
    <message>
        <source>CT %1</source>
        <translation>CT %1</translation>
    </message>
    <message>
        <source>CT %1 (%2)</source>
        <translation>CT %1 (%2)</translation>
    </message>
    <message>
        <source>You need %1 on %2.</source>
        <translation>Precisa de %1 em %2.</translation>
    </message>
    <message>
        <source>&amp;Resume</source>
        <translation>&amp;Retomar</translation>
    </message>
    <message>
        <source>The node refused: %1</source>
        <translation>O nó recusou: %1</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>Parar</translation>
    </message>
    <message>
        <source>Stop %1 now? Like pulling the plug: unsaved data in the guest is lost.</source>
        <translation>Parar %1 agora? É como tirar a ficha da tomada: os dados por gravar no convidado perdem-se.</translation>
    </message>
    <message>
        <source>Shutdown</source>
        <translation>Encerrar</translation>
    </message>
    <message>
        <source>Shut %1 down?</source>
        <translation>Encerrar %1?</translation>
    </message>
    <message>
        <source>Reboot</source>
        <translation>Reiniciar</translation>
    </message>
    <message>
        <source>Reboot %1?</source>
        <translation>Reiniciar %1?</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>Destroy %1</source>
        <translation>Destruir %1</translation>
    </message>
</context>
<context>
    <name>atalaia::ui::GuestConfigPage</name>
    <message>
        <source>You need %1 on /vms/%2.</source>
        <translation>Precisa de %1 em /vms/%2.</translation>
    </message>
    <message>
        <source>Setting</source>
        <translation>Definição</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Valor</translation>
    </message>
    <message>
        <source>Hardware</source>
        <translation>Hardware</translation>
    </message>
    <message>
        <source>Options</source>
        <translation>Opções</translation>
    </message>
    <message>
        <source>&amp;Edit…</source>
        <translation>&amp;Editar…</translation>
    </message>
    <message>
        <source>Re&amp;load</source>
        <translation>Re&amp;carregar</translation>
    </message>
    <message>
        <source>Memory</source>
        <translation>Memória</translation>
    </message>
    <message>
        <source>Swap</source>
        <translation>Swap</translation>
    </message>
    <message>
        <source>Minimum memory (balloon)</source>
        <translation>Memória mínima (balão)</translation>
    </message>
    <message>
        <source>Sockets</source>
        <translation>Sockets</translation>
    </message>
    <message>
        <source>Cores</source>
        <translation>Núcleos</translation>
    </message>
    <message>
        <source>Processor type</source>
        <translation>Tipo de processador</translation>
    </message>
    <message>
        <source>CPU limit</source>
        <translation>Limite de CPU</translation>
    </message>
    <message>
        <source>BIOS</source>
        <translation>BIOS</translation>
    </message>
    <message>
        <source>Machine</source>
        <translation>Máquina</translation>
    </message>
    <message>
        <source>SCSI controller</source>
        <translation>Controlador SCSI</translation>
    </message>
    <message>
        <source>Display</source>
        <translation>Ecrã</translation>
    </message>
    <message>
        <source>Root disk</source>
        <translation>Disco raiz</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nome</translation>
    </message>
    <message>
        <source>Hostname</source>
        <translation>Nome de anfitrião</translation>
    </message>
    <message>
        <source>Start at boot</source>
        <translation>Iniciar no arranque</translation>
    </message>
    <message>
        <source>Start/shutdown order</source>
        <translation>Ordem de início/encerramento</translation>
    </message>
    <message>
        <source>OS type</source>
        <translation>Tipo de SO</translation>
    </message>
    <message>
        <source>Boot order</source>
        <translation>Ordem de arranque</translation>
    </message>
    <message>
        <source>Protection</source>
        <translation>Proteção</translation>
    </message>
    <message>
        <source>Tags</source>
        <translation>Etiquetas</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>Notas</translation>
    </message>
    <message>
        <source>Unprivileged container</source>
        <translation>Contentor sem privilégios</translation>
    </message>
    <message>
        <source>Architecture</source>
        <translation>Arquitetura</translation>
    </message>
    <message>
        <source>QEMU guest agent</source>
        <translation>Agente de convidado QEMU</translation>
    </message>
    <message>
        <source>SMBIOS settings (type1)</source>
        <translation>Definições SMBIOS (tipo 1)</translation>
    </message>
    <message>
        <source>Features</source>
        <translation>Funcionalidades</translation>
    </message>
    <message>
        <source>Lock</source>
        <translation>Bloqueio</translation>
    </message>
    <message>
        <source>Network device (%1)</source>
        <translation>Dispositivo de rede (%1)</translation>
    </message>
    <message>
        <source>Mount point (%1)</source>
        <translation>Ponto de montagem (%1)</translation>
    </message>
    <message>
        <source>Unused disk (%1)</source>
        <translation>Disco não usado (%1)</translation>
    </message>
    <message>
        <source>Device (%1)</source>
        <translation>Dispositivo (%1)</translation>
    </message>
    <message>
        <source>Yes</source>
        <translation>Sim</translation>
    </message>
    <message>
        <source>No</source>
        <translation>Não</translation>
    </message>
    <message>
        <source>Cannot read the configuration: %1</source>
        <translation>Não é possível ler a configuração: %1</translation>
    </message>
    <message>
        <source>%1 → %2 (at the next start)</source>
        <translation>%1 → %2 (no próximo início)</translation>
    </message>
    <message>
        <source>%1 (at the next start)</source>
        <translation>%1 (no próximo início)</translation>
    </message>
    <message numerus="yes">
        <source>%n change(s) apply at the next start (in orange).</source>
        <translation>
            <numerusform>%n alteração aplica-se no próximo início (a laranja).</numerusform>
            <numerusform>%n alterações aplicam-se no próximo início (a laranja).</numerusform>
        </translation>
    </message>
    <message>
        <source>Edit %1</source>
        <translation>Editar %1</translation>
    </message>
    <message>
        <source>%1 (MiB):</source>
        <translation>%1 (MiB):</translation>
    </message>
    <message>
        <source>%1:</source>
        <translation>%1:</translation>
    </message>
    <message>
        <source>OK</source>
        <translation>OK</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancelar</translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation>A gravar…</translation>
    </message>
    <message>
        <source>Not saved: %1</source>
        <translation>Não gravado: %1</translation>
    </message>
    <message>
        <source>CD/DVD drive (%1)</source>
        <translation>Unidade de CD/DVD (%1)</translation>
    </message>
    <message>
        <source>Hard disk (%1)</source>
        <translation>Disco rígido (%1)</translation>
    </message>
    <message>
        <source>Linux 6.x - 2.6 kernel</source>
        <translation>Linux com kernel 6.x - 2.6</translation>
    </message>
    <message>
        <source>Linux 2.4 kernel</source>
        <translation>Linux com kernel 2.4</translation>
    </message>
    <message>
        <source>Microsoft Windows 11/2022/2025</source>
        <translation>Microsoft Windows 11/2022/2025</translation>
    </message>
    <message>
        <source>Microsoft Windows 10/2016/2019</source>
        <translation>Microsoft Windows 10/2016/2019</translation>
    </message>
    <message>
        <source>Solaris kernel</source>
        <translation>Kernel Solaris</translation>
    </message>
    <message>
        <source>Other</source>
        <translation>Outro</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
</context>
<context>
    <name>atalaia::ui::GuestCreateWizard</name>
    <message>
        <source>Confirm</source>
        <translation>Confirmar</translation>
    </message>
    <message>
        <source>These settings are sent to the node, which creates the guest as a task.</source>
        <translation>Estas definições são enviadas ao nó, que cria o convidado numa tarefa.</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>Definições</translation>
    </message>
    <message>
        <source>Key</source>
        <translation>Chave</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Valor</translation>
    </message>
    <message>
        <source>&amp;Start after created</source>
        <translation>&amp;Iniciar depois de criado</translation>
    </message>
    <message>
        <source>C&amp;reate</source>
        <translation>C&amp;riar</translation>
    </message>
    <message>
        <source>Checking whether the ID is free…</source>
        <translation>A verificar se o ID está livre…</translation>
    </message>
    <message>
        <source>&amp;Node:</source>
        <translation>&amp;Nó:</translation>
    </message>
    <message>
        <source>&amp;ID:</source>
        <translation>&amp;ID:</translation>
    </message>
    <message>
        <source>Asking the cluster for the next free ID…</source>
        <translation>A pedir ao cluster o próximo ID livre…</translation>
    </message>
    <message>
        <source>Cannot get the next free ID: %1</source>
        <translation>Não é possível obter o próximo ID livre: %1</translation>
    </message>
    <message>
        <source>ID %1 is taken: %2</source>
        <translation>O ID %1 está ocupado: %2</translation>
    </message>
    <message>
        <source>A name has only letters, digits, &apos;-&apos; and &apos;.&apos;, and no part of it starts or ends with &apos;-&apos;.</source>
        <translation>Um nome tem apenas letras, algarismos, &apos;-&apos; e &apos;.&apos;, e nenhuma parte dele começa ou acaba em &apos;-&apos;.</translation>
    </message>
    <message>
        <source>Creating</source>
        <translation>A criar</translation>
    </message>
    <message>
        <source>Asking %1 to create %2…</source>
        <translation>A pedir a %1 que crie %2…</translation>
    </message>
    <message>
        <source>The node answered without a task: nothing was started.</source>
        <translation>O nó respondeu sem uma tarefa: nada foi iniciado.</translation>
    </message>
    <message>
        <source>The node refused to create %1: %2</source>
        <translation>O nó recusou criar %1: %2</translation>
    </message>
    <message>
        <source>Create %1</source>
        <translation>Criar %1</translation>
    </message>
    <message>
        <source>Creating %1 on %2…</source>
        <translation>A criar %1 em %2…</translation>
    </message>
    <message>
        <source>Creating %1 failed: %2</source>
        <translation>A criação de %1 falhou: %2</translation>
    </message>
    <message>
        <source>The log above says why. Whatever the task allocated was freed again.</source>
        <translation>O registo acima diz porquê. O que a tarefa reservou foi libertado de novo.</translation>
    </message>
    <message>
        <source>%1 created and started.</source>
        <translation>%1 criado e iniciado.</translation>
    </message>
    <message>
        <source>%1 created.</source>
        <translation>%1 criado.</translation>
    </message>
    <message>
        <source>It is in the tree under node %1.</source>
        <translation>Está na árvore, sob o nó %1.</translation>
    </message>
</context>
<context>
    <name>atalaia::ui::JoinClusterWizard</name>
    <message>
        <source>Cluster&apos;s Join Information</source>
        <translation>Informação de adesão do cluster</translation>
    </message>
    <message>
        <source>Join Information</source>
        <translation>Informação de adesão</translation>
    </message>
    <message>
        <source>Paste the Join Information here</source>
        <translation>Cole aqui a informação de adesão</translation>
    </message>
    <message>
        <source>Cluster:</source>
        <translation>Cluster:</translation>
    </message>
    <message>
        <source>Join through:</source>
        <translation>Aderir através de:</translation>
    </message>
    <message>
        <source>Fingerprint:</source>
        <translation>Impressão digital:</translation>
    </message>
    <message>
        <source>Links:</source>
        <translation>Ligações:</translation>
    </message>
    <message>
        <source>Password and links</source>
        <translation>Palavra-passe e ligações</translation>
    </message>
    <message>
        <source>The password of root@pam on the node to join through lets this node in; it is sent to that node once and not kept.</source>
        <translation>A palavra-passe do root@pam no nó através do qual se adere deixa entrar este nó; é enviada a esse nó uma vez e não é guardada.</translation>
    </message>
    <message>
        <source>root@pam &amp;password on %1:</source>
        <translation>&amp;Palavra-passe do root@pam em %1:</translation>
    </message>
    <message numerus="yes">
        <source>This node&apos;s address on each link of cluster %1 (it uses %n link(s)):</source>
        <translation>
            <numerusform>O endereço deste nó em cada ligação do cluster %1 (usa %n ligação):</numerusform>
            <numerusform>O endereço deste nó em cada ligação do cluster %1 (usa %n ligações):</numerusform>
        </translation>
    </message>
    <message>
        <source>This node takes the cluster&apos;s configuration (users, permissions, storage) in place of its own, so it should have no guests. Its API restarts with a certificate from the cluster: the console then asks you to trust it and to log in again.</source>
        <translation>Este nó passa a usar a configuração do cluster (utilizadores, permissões, armazenamento) em vez da sua, por isso não deve ter convidados. A API dele reinicia com um certificado do cluster: a consola pede-lhe então que confie nele e que inicie sessão de novo.</translation>
    </message>
    <message>
        <source>Cluster: %1</source>
        <translation>Cluster: %1</translation>
    </message>
    <message>
        <source>Join through: %1</source>
        <translation>Aderir através de: %1</translation>
    </message>
    <message>
        <source>Fingerprint: %1</source>
        <translation>Impressão digital: %1</translation>
    </message>
    <message>
        <source>This node: %1</source>
        <translation>Este nó: %1</translation>
    </message>
    <message>
        <source>Link %1: %2 (the cluster: %3)</source>
        <translation>Ligação %1: %2 (o cluster: %3)</translation>
    </message>
    <message>
        <source>Link %1: %2 on %3 (the cluster: %4)</source>
        <translation>Ligação %1: %2 em %3 (o cluster: %4)</translation>
    </message>
    <message>
        <source>Join cluster</source>
        <translation>Aderir a um cluster</translation>
    </message>
    <message>
        <source>&amp;Join</source>
        <translation>&amp;Aderir</translation>
    </message>
    <message>
        <source>Joining the cluster</source>
        <translation>A aderir ao cluster</translation>
    </message>
    <message>
        <source>A node that joins a cluster gets its certificate from the cluster, so this is expected here: trust it to carry on.</source>
        <translation>Um nó que adere a um cluster recebe o certificado do cluster, por isso isto é de esperar aqui: confie nele para continuar.</translation>
    </message>
    <message>
        <source>Paste the cluster&apos;s Join Information.</source>
        <translation>Cole a informação de adesão do cluster.</translation>
    </message>
    <message>
        <source>This is not Join Information (it is not base64 text): copy it again, whole, from the cluster&apos;s Join Information.</source>
        <translation>Isto não é informação de adesão (não é texto base64): copie-a de novo, completa, da informação de adesão do cluster.</translation>
    </message>
    <message>
        <source>The Join Information is cut or damaged: copy it again, whole.</source>
        <translation>A informação de adesão está cortada ou danificada: copie-a de novo, completa.</translation>
    </message>
    <message>
        <source>The Join Information is incomplete: %1</source>
        <translation>A informação de adesão está incompleta: %1</translation>
    </message>
    <message>
        <source>The Join Information does not add up: the cluster&apos;s settings name links %1, but the node to join through has addresses on links %2. Copy it from a node whose configuration is complete.</source>
        <translation>A informação de adesão não é coerente: as definições do cluster indicam as ligações %1, mas o nó através do qual se adere tem endereços nas ligações %2. Copie-a de um nó cuja configuração esteja completa.</translation>
    </message>
    <message>
        <source>Cannot read the node&apos;s cluster state: %1</source>
        <translation>Não é possível ler o estado de cluster do nó: %1</translation>
    </message>
    <message>
        <source>Cannot list this node&apos;s network interfaces (%1): type its addresses.</source>
        <translation>Não é possível listar as interfaces de rede deste nó (%1): escreva os endereços dele.</translation>
    </message>
    <message>
        <source>This node is already in cluster %1: a node is a member of one cluster only.</source>
        <translation>Este nó já pertence ao cluster %1: um nó só pode ser membro de um cluster.</translation>
    </message>
    <message>
        <source>Reading this node&apos;s state…</source>
        <translation>A ler o estado deste nó…</translation>
    </message>
    <message>
        <source>link %1: %2</source>
        <translation>ligação %1: %2</translation>
    </message>
    <message>
        <source>Link %1:</source>
        <translation>Ligação %1:</translation>
    </message>
    <message numerus="yes">
        <source>The cluster uses %n link(s): give this node an address on each.</source>
        <translation>
            <numerusform>O cluster usa %n ligação: dê a este nó um endereço nela.</numerusform>
            <numerusform>O cluster usa %n ligações: dê a este nó um endereço em cada uma.</numerusform>
        </translation>
    </message>
    <message>
        <source>Each link needs its own address: links %1 and %2 both use %3.</source>
        <translation>Cada ligação precisa do seu próprio endereço: as ligações %1 e %2 usam ambas %3.</translation>
    </message>
    <message>
        <source>Asking %1 to join cluster %2…</source>
        <translation>A pedir a %1 que adira ao cluster %2…</translation>
    </message>
    <message>
        <source>The node refused to join the cluster: %1</source>
        <translation>O nó recusou aderir ao cluster: %1</translation>
    </message>
    <message>
        <source>Join cluster %1</source>
        <translation>Aderir ao cluster %1</translation>
    </message>
    <message>
        <source>Joining cluster %1 through %2…</source>
        <translation>A aderir ao cluster %1 através de %2…</translation>
    </message>
    <message>
        <source>Joining the cluster failed: %1</source>
        <translation>A adesão ao cluster falhou: %1</translation>
    </message>
    <message>
        <source>Joined: waiting for this node to report cluster %1…</source>
        <translation>Adesão feita: à espera de que este nó indique o cluster %1…</translation>
    </message>
    <message>
        <source>The cluster&apos;s nodes appear in the tree once this node sees them.</source>
        <translation>Os nós do cluster aparecem na árvore assim que este nó os vir.</translation>
    </message>
    <message>
        <source>The task ended well, but this node does not report cluster %1 yet.</source>
        <translation>A tarefa terminou bem, mas este nó ainda não indica o cluster %1.</translation>
    </message>
    <message>
        <source>Look at Datacenter → Cluster in a moment; the task log above has the details.</source>
        <translation>Veja Centro de dados → Cluster daqui a pouco; o registo da tarefa acima tem os pormenores.</translation>
    </message>
    <message numerus="yes">
        <source>This node is now a member of cluster %1, with %n node(s).</source>
        <translation>
            <numerusform>Este nó é agora membro do cluster %1, com %n nó.</numerusform>
            <numerusform>Este nó é agora membro do cluster %1, com %n nós.</numerusform>
        </translation>
    </message>
    <message>
        <source>The tree shows the cluster&apos;s nodes; Datacenter → Cluster shows its members and links.</source>
        <translation>A árvore mostra os nós do cluster; Centro de dados → Cluster mostra os membros e as ligações dele.</translation>
    </message>
    <message>
        <source>Copy it on a node of the cluster (Datacenter → Cluster → Join Information) and paste it here.</source>
        <translation>Copie-a num nó do cluster (Centro de dados → Cluster → Informação de adesão) e cole-a aqui.</translation>
    </message>
    <message>
        <source>Join sends the request to this node; the next page follows it.</source>
        <translation>Aderir envia o pedido a este nó; a página seguinte acompanha-o.</translation>
    </message>
</context>
<context>
    <name>atalaia::ui::JoinInformationDialog</name>
    <message>
        <source>Cluster Join Information</source>
        <translation>Informação de adesão ao cluster</translation>
    </message>
    <message>
        <source>Copy the Join Information here and paste it into Join Cluster on the node that joins. It holds no secret: that node also needs the root@pam password of this one.</source>
        <translation>Copie aqui a informação de adesão e cole-a em Aderir a um cluster, no nó que adere. Não contém segredos: esse nó precisa também da palavra-passe do root@pam deste.</translation>
    </message>
    <message>
        <source>Cluster:</source>
        <translation>Cluster:</translation>
    </message>
    <message>
        <source>IP address:</source>
        <translation>Endereço IP:</translation>
    </message>
    <message>
        <source>Fingerprint:</source>
        <translation>Impressão digital:</translation>
    </message>
    <message>
        <source>Join Information:</source>
        <translation>Informação de adesão:</translation>
    </message>
    <message>
        <source>Join Information</source>
        <translation>Informação de adesão</translation>
    </message>
    <message>
        <source>Copy &amp;Information</source>
        <translation>Copiar a &amp;informação</translation>
    </message>
</context>
<context>
    <name>atalaia::ui::LinkAddressField</name>
    <message>
        <source>Link %1 address</source>
        <translation>Endereço da ligação %1</translation>
    </message>
    <message>
        <source>none (optional)</source>
        <translation>nenhum (opcional)</translation>
    </message>
    <message>
        <source>an address of this node</source>
        <translation>um endereço deste nó</translation>
    </message>
    <message>
        <source>%1 (down)</source>
        <translation>%1 (em baixo)</translation>
    </message>
    <message>
        <source>Link %1: choose or type an address of this node.</source>
        <translation>Ligação %1: escolha ou escreva um endereço deste nó.</translation>
    </message>
    <message>
        <source>Link %1: &apos;%2&apos; is not an IP address.</source>
        <translation>Ligação %1: &apos;%2&apos; não é um endereço IP.</translation>
    </message>
    <message>
        <source>Link %1: %2 cannot reach other nodes: choose the address of a network they share.</source>
        <translation>Ligação %1: %2 não chega a outros nós: escolha o endereço de uma rede que partilhem.</translation>
    </message>
    <message>
        <source>Optional: a second network keeps the cluster together when the first one fails.</source>
        <translation>Opcional: uma segunda rede mantém o cluster unido quando a primeira falha.</translation>
    </message>
    <message>
        <source>On interface %1, network %2.</source>
        <translation>Na interface %1, rede %2.</translation>
    </message>
    <message>
        <source>On interface %1, network %2 — the interface is down.</source>
        <translation>Na interface %1, rede %2 — a interface está em baixo.</translation>
    </message>
    <message>
        <source>Same network as the cluster&apos;s address on this link (%1).</source>
        <translation>Mesma rede que o endereço do cluster nesta ligação (%1).</translation>
    </message>
    <message>
        <source>The cluster uses %1 on this link, in another network: this address must reach it.</source>
        <translation>O cluster usa %1 nesta ligação, noutra rede: este endereço tem de lá chegar.</translation>
    </message>
    <message>
        <source>Not an address of this node&apos;s interfaces: make sure the node really has it.</source>
        <translation>Não é um endereço das interfaces deste nó: confirme que o nó o tem mesmo.</translation>
    </message>
    <message>
        <source>The cluster uses %1 on this link.</source>
        <translation>O cluster usa %1 nesta ligação.</translation>
    </message>
</context>
<context>
    <name>atalaia::ui::ListPage</name>
    <message>
        <source>&amp;Add</source>
        <translation>&amp;Adicionar</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>&amp;Editar</translation>
    </message>
    <message>
        <source>&amp;Remove</source>
        <translation>&amp;Remover</translation>
    </message>
    <message>
        <source>Filter</source>
        <translation>Filtro</translation>
    </message>
    <message>
        <source>Filter the list</source>
        <translation>Filtrar a lista</translation>
    </message>
    <message>
        <source>Cannot load the list: %1</source>
        <translation>Não é possível carregar a lista: %1</translation>
    </message>
</context>
<context>
    <name>atalaia::ui::MainWindow</name>
    <message>
        <source>No keychain is available (no Secret Service or KWallet is running): the password is asked each time and never written to a file.</source>
        <translation>Não há nenhum porta-chaves disponível (nem o Secret Service nem o KWallet estão em execução): a palavra-passe é pedida de cada vez e nunca é gravada num ficheiro.</translation>
    </message>
    <message>
        <source>About Atalaia</source>
        <translation>Acerca do Atalaia</translation>
    </message>
    <message>
        <source>&lt;h3&gt;Atalaia %1&lt;/h3&gt;&lt;p&gt;Manages small high-availability virtualization clusters from your desktop. It speaks the Proxmox VE API, so it also manages Proxmox VE clusters.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;Atalaia %1&lt;/h3&gt;&lt;p&gt;Gere pequenos clusters de virtualização de alta disponibilidade a partir do seu ambiente de trabalho. Fala a API do Proxmox VE, por isso também gere clusters Proxmox VE.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Atalaia</source>
        <translation>Atalaia</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Ficheiro</translation>
    </message>
    <message>
        <source>&amp;Connect to a cluster…</source>
        <translation>&amp;Ligar a um cluster…</translation>
    </message>
    <message>
        <source>&amp;Disconnect</source>
        <translation>&amp;Desligar</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Sair</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Ver</translation>
    </message>
    <message>
        <source>&amp;Search the tree</source>
        <translation>Pe&amp;squisar na árvore</translation>
    </message>
    <message>
        <source>Server view (by &amp;node)</source>
        <translation>Vista de servidores (por &amp;nó)</translation>
    </message>
    <message>
        <source>Folder view (by &amp;type)</source>
        <translation>Vista de pastas (por &amp;tipo)</translation>
    </message>
    <message>
        <source>&amp;Pool view</source>
        <translation>Vista por &amp;pool</translation>
    </message>
    <message>
        <source>T&amp;ag view</source>
        <translation>Vista por &amp;etiqueta</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>&amp;Idioma</translation>
    </message>
    <message>
        <source>&amp;Datacenter</source>
        <translation>&amp;Centro de dados</translation>
    </message>
    <message>
        <source>&amp;Permissions</source>
        <translation>&amp;Permissões</translation>
    </message>
    <message>
        <source>Add &amp;user…</source>
        <translation>Adicionar &amp;utilizador…</translation>
    </message>
    <message>
        <source>Add &amp;group…</source>
        <translation>Adicionar &amp;grupo…</translation>
    </message>
    <message>
        <source>Add p&amp;ermission…</source>
        <translation>Adicionar pe&amp;rmissão…</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>Aj&amp;uda</translation>
    </message>
    <message>
        <source>&amp;About Atalaia</source>
        <translation>&amp;Acerca do Atalaia</translation>
    </message>
    <message>
        <source>Main toolbar</source>
        <translation>Barra de ferramentas principal</translation>
    </message>
    <message>
        <source>Server view</source>
        <translation>Vista de servidores</translation>
    </message>
    <message>
        <source>Folder view</source>
        <translation>Vista de pastas</translation>
    </message>
    <message>
        <source>Pool view</source>
        <translation>Vista por pool</translation>
    </message>
    <message>
        <source>Tag view</source>
        <translation>Vista por etiqueta</translation>
    </message>
    <message>
        <source>Tree view</source>
        <translation>Vista da árvore</translation>
    </message>
    <message>
        <source>Search: name, id, node, tag, status (Ctrl+F)</source>
        <translation>Pesquisar: nome, id, nó, etiqueta, estado (Ctrl+F)</translation>
    </message>
    <message>
        <source>Search the tree</source>
        <translation>Pesquisar na árvore</translation>
    </message>
    <message>
        <source>Datacenter tree</source>
        <translation>Árvore do centro de dados</translation>
    </message>
    <message>
        <source>Tasks</source>
        <translation>Tarefas</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>Not connected. Use File → Connect to a cluster (Ctrl+N).</source>
        <translation>Sem ligação. Use Ficheiro → Ligar a um cluster (Ctrl+N).</translation>
    </message>
    <message>
        <source>&amp;Saved connections</source>
        <translation>Ligações &amp;guardadas</translation>
    </message>
    <message>
        <source>F&amp;orget a saved connection</source>
        <translation>&amp;Esquecer uma ligação guardada</translation>
    </message>
    <message>
        <source>%1 — %2 at %3</source>
        <translation>%1 — %2 em %3</translation>
    </message>
    <message>
        <source>(none yet)</source>
        <translation>(nenhuma ainda)</translation>
    </message>
    <message>
        <source>C&amp;reate cluster…</source>
        <translation>C&amp;riar um cluster…</translation>
    </message>
    <message>
        <source>&amp;Join cluster…</source>
        <translation>A&amp;derir a um cluster…</translation>
    </message>
    <message>
        <source>&amp;Guest</source>
        <translation>&amp;Convidado</translation>
    </message>
</context>
<context>
    <name>atalaia::ui::MigrateDialog</name>
    <message>
        <source>%1/s</source>
        <translation>%1/s</translation>
    </message>
    <message>
        <source>VM %1</source>
        <translation>VM %1</translation>
    </message>
    <message>
        <source>VM %1 (%2)</source>
        <translation>VM %1 (%2)</translation>
    </message>
    <message>
        <source>CT %1</source>
        <translation>CT %1</translation>
    </message>
    <message>
        <source>CT %1 (%2)</source>
        <translation>CT %1 (%2)</translation>
    </message>
    <message>
        <source>Cancelling the migration…</source>
        <translation>A cancelar a migração…</translation>
    </message>
    <message>
        <source>Migrate %1</source>
        <translation>Migrar %1</translation>
    </message>
    <message>
        <source>%1, %2 on %3</source>
        <translation>%1, %2 em %3</translation>
    </message>
    <message>
        <source>running</source>
        <translation>em execução</translation>
    </message>
    <message>
        <source>stopped</source>
        <translation>parado</translation>
    </message>
    <message>
        <source>Guest:</source>
        <translation>Convidado:</translation>
    </message>
    <message>
        <source>&amp;Target node:</source>
        <translation>Nó de &amp;destino:</translation>
    </message>
    <message>
        <source>Check:</source>
        <translation>Verificação:</translation>
    </message>
    <message>
        <source>Mode:</source>
        <translation>Modo:</translation>
    </message>
    <message>
        <source>&amp;Bandwidth limit:</source>
        <translation>&amp;Limite de largura de banda:</translation>
    </message>
    <message>
        <source>Online (live): the VM keeps running while its memory moves</source>
        <translation>Online (em direto): a VM continua a correr enquanto a sua memória passa</translation>
    </message>
    <message>
        <source>Offline: the VM is stopped, only its configuration moves</source>
        <translation>Offline: a VM está parada, só a sua configuração passa</translation>
    </message>
    <message>
        <source>Restart: the container stops here and starts on the target</source>
        <translation>Reinício: o contentor para aqui e inicia no destino</translation>
    </message>
    <message>
        <source>Offline: the container is stopped, only its configuration moves</source>
        <translation>Offline: o contentor está parado, só a sua configuração passa</translation>
    </message>
    <message>
        <source>no limit</source>
        <translation>sem limite</translation>
    </message>
    <message>
        <source> MiB/s</source>
        <translation> MiB/s</translation>
    </message>
    <message>
        <source>&amp;Migrate</source>
        <translation>&amp;Migrar</translation>
    </message>
    <message>
        <source>&amp;Cancel migration</source>
        <translation>&amp;Cancelar a migração</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancelar</translation>
    </message>
    <message>
        <source>&amp;Close</source>
        <translation>&amp;Fechar</translation>
    </message>
    <message>
        <source>Transferred:</source>
        <translation>Transferido:</translation>
    </message>
    <message>
        <source>Remaining:</source>
        <translation>Em falta:</translation>
    </message>
    <message>
        <source>Throughput:</source>
        <translation>Débito:</translation>
    </message>
    <message>
        <source>Dirty pages:</source>
        <translation>Páginas sujas:</translation>
    </message>
    <message>
        <source>Iteration:</source>
        <translation>Iteração:</translation>
    </message>
    <message>
        <source>Expected downtime:</source>
        <translation>Paragem prevista:</translation>
    </message>
    <message>
        <source>Downtime:</source>
        <translation>Paragem:</translation>
    </message>
    <message>
        <source>Elapsed:</source>
        <translation>Decorrido:</translation>
    </message>
    <message>
        <source>Throughput and dirty pages</source>
        <translation>Débito e páginas sujas</translation>
    </message>
    <message>
        <source>Throughput (MiB/s)</source>
        <translation>Débito (MiB/s)</translation>
    </message>
    <message>
        <source>Dirty pages (pages/s)</source>
        <translation>Páginas sujas (páginas/s)</translation>
    </message>
    <message>
        <source>seconds</source>
        <translation>segundos</translation>
    </message>
    <message>
        <source>No other node is online to take the guest.</source>
        <translation>Nenhum outro nó está online para receber o convidado.</translation>
    </message>
    <message>
        <source>Asking %1 whether %2 can take the guest…</source>
        <translation>A perguntar a %1 se %2 pode receber o convidado…</translation>
    </message>
    <message>
        <source>The node has no preflight check for this guest; the migration checks when it starts.</source>
        <translation>O nó não tem verificação prévia para este convidado; a migração verifica quando começa.</translation>
    </message>
    <message>
        <source>✘ The check failed: %1</source>
        <translation>✘ A verificação falhou: %1</translation>
    </message>
    <message>
        <source>✘ %1 cannot take the guest: %2</source>
        <translation>✘ %1 não pode receber o convidado: %2</translation>
    </message>
    <message>
        <source>not allowed</source>
        <translation>não permitido</translation>
    </message>
    <message>
        <source>✘ The guest uses resources of this node (%1): it cannot migrate while it runs.</source>
        <translation>✘ O convidado usa recursos deste nó (%1): não pode migrar enquanto corre.</translation>
    </message>
    <message>
        <source>✔ %1 can take the guest. Its local disks are copied too, which takes longer: %2</source>
        <translation>✔ %1 pode receber o convidado. Os seus discos locais também são copiados, o que demora mais: %2</translation>
    </message>
    <message>
        <source>✔ %1 can take the guest.</source>
        <translation>✔ %1 pode receber o convidado.</translation>
    </message>
    <message>
        <source>Asking %1 to migrate the guest…</source>
        <translation>A pedir a %1 que migre o convidado…</translation>
    </message>
    <message>
        <source>The node answered without a task: nothing was started.</source>
        <translation>O nó respondeu sem uma tarefa: nada foi iniciado.</translation>
    </message>
    <message>
        <source>The node refused the migration: %1</source>
        <translation>O nó recusou a migração: %1</translation>
    </message>
    <message>
        <source>The migration goes on; the task panel keeps it.</source>
        <translation>A migração continua; o painel de tarefas guarda-a.</translation>
    </message>
    <message>
        <source>Migrating %1 from %2…</source>
        <translation>A migrar %1 de %2…</translation>
    </message>
    <message>
        <source>Migrating %1 from %2 to %3…</source>
        <translation>A migrar %1 de %2 para %3…</translation>
    </message>
    <message>
        <source>The node did not cancel the migration: %1</source>
        <translation>O nó não cancelou a migração: %1</translation>
    </message>
    <message>
        <source>%1 %</source>
        <translation>%1 %</translation>
    </message>
    <message>
        <source>%1 % — about %2 left</source>
        <translation>%1 % — faltam cerca de %2</translation>
    </message>
    <message>
        <source>%1 of %2</source>
        <translation>%1 de %2</translation>
    </message>
    <message>
        <source>%1 pages/s (%2)</source>
        <translation>%1 páginas/s (%2)</translation>
    </message>
    <message>
        <source>%1 ms</source>
        <translation>%1 ms</translation>
    </message>
    <message>
        <source>Migration finished.</source>
        <translation>Migração concluída.</translation>
    </message>
    <message>
        <source>Migration finished: %1 is on %2 now.</source>
        <translation>Migração concluída: %1 está agora em %2.</translation>
    </message>
    <message>
        <source>Migration cancelled: %1 stays on %2.</source>
        <translation>Migração cancelada: %1 fica em %2.</translation>
    </message>
    <message>
        <source>Migration failed: %1. The log says why.</source>
        <translation>A migração falhou: %1. O registo diz porquê.</translation>
    </message>
</context>
<context>
    <name>atalaia::ui::PermissionsPanel</name>
    <message>
        <source>Yes</source>
        <translation>Sim</translation>
    </message>
    <message>
        <source>No</source>
        <translation>Não</translation>
    </message>
    <message>
        <source>never</source>
        <translation>nunca</translation>
    </message>
    <message>
        <source>User name</source>
        <translation>Nome de utilizador</translation>
    </message>
    <message>
        <source>Realm</source>
        <translation>Domínio</translation>
    </message>
    <message>
        <source>Enabled</source>
        <translation>Ativado</translation>
    </message>
    <message>
        <source>Expires</source>
        <translation>Expira</translation>
    </message>
    <message>
        <source>Groups</source>
        <translation>Grupos</translation>
    </message>
    <message>
        <source>Comment</source>
        <translation>Comentário</translation>
    </message>
    <message>
        <source>Group</source>
        <translation>Grupo</translation>
    </message>
    <message>
        <source>Members</source>
        <translation>Membros</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>Função</translation>
    </message>
    <message>
        <source>Built-in</source>
        <translation>Integrada</translation>
    </message>
    <message>
        <source>Privileges</source>
        <translation>Privilégios</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>Tipo</translation>
    </message>
    <message>
        <source>Token</source>
        <translation>Token</translation>
    </message>
    <message>
        <source>Privilege separation</source>
        <translation>Separação de privilégios</translation>
    </message>
    <message>
        <source>Path</source>
        <translation>Caminho</translation>
    </message>
    <message>
        <source>User/Group/Token</source>
        <translation>Utilizador/grupo/token</translation>
    </message>
    <message>
        <source>Propagate</source>
        <translation>Propagar</translation>
    </message>
    <message>
        <source>user %1</source>
        <translation>o utilizador %1</translation>
    </message>
    <message>
        <source>group %1</source>
        <translation>o grupo %1</translation>
    </message>
    <message>
        <source>role %1</source>
        <translation>a função %1</translation>
    </message>
    <message>
        <source>realm %1</source>
        <translation>o domínio %1</translation>
    </message>
    <message>
        <source>the permission %1 for %2 on %3</source>
        <translation>a permissão %1 para %2 em %3</translation>
    </message>
    <message>
        <source>API token %1</source>
        <translation>o token de API %1</translation>
    </message>
    <message>
        <source>Users</source>
        <translation>Utilizadores</translation>
    </message>
    <message>
        <source>Roles</source>
        <translation>Funções</translation>
    </message>
    <message>
        <source>Realms</source>
        <translation>Domínios</translation>
    </message>
    <message>
        <source>API Tokens</source>
        <translation>Tokens de API</translation>
    </message>
    <message>
        <source>Permissions</source>
        <translation>Permissões</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Remover</translation>
    </message>
    <message>
        <source>Remove %1? This cannot be undone.</source>
        <translation>Remover %1? Esta ação não pode ser anulada.</translation>
    </message>
    <message>
        <source>Could not remove %1: %2</source>
        <translation>Não foi possível remover %1: %2</translation>
    </message>
    <message>
        <source>Add role</source>
        <translation>Adicionar função</translation>
    </message>
    <message>
        <source>Name of the new role:</source>
        <translation>Nome da nova função:</translation>
    </message>
    <message>
        <source>Could not create the role: %1</source>
        <translation>Não foi possível criar a função: %1</translation>
    </message>
    <message>
        <source>Built-in role</source>
        <translation>Função integrada</translation>
    </message>
    <message>
        <source>%1 is a built-in role: its privileges cannot be changed. Create a role of your own instead.</source>
        <translation>%1 é uma função integrada: os seus privilégios não podem ser alterados. Crie antes uma função própria.</translation>
    </message>
</context>
<context>
    <name>atalaia::ui::ResourceText</name>
    <message>
        <source>VM template</source>
        <translation>Modelo de VM</translation>
    </message>
    <message>
        <source>Virtual machine</source>
        <translation>Máquina virtual</translation>
    </message>
    <message>
        <source>Container template</source>
        <translation>Modelo de contentor</translation>
    </message>
    <message>
        <source>Container</source>
        <translation>Contentor</translation>
    </message>
    <message>
        <source>Node</source>
        <translation>Nó</translation>
    </message>
    <message>
        <source>Storage</source>
        <translation>Armazenamento</translation>
    </message>
    <message>
        <source>Pool</source>
        <translation>Pool</translation>
    </message>
    <message>
        <source>SDN zone</source>
        <translation>Zona SDN</translation>
    </message>
    <message>
        <source>Network</source>
        <translation>Rede</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>%1 (locked: %2)</source>
        <translation>%1 (bloqueado: %2)</translation>
    </message>
    <message>
        <source>%1 %</source>
        <translation>%1 %</translation>
    </message>
    <message>
        <source>%1 of %2</source>
        <translation>%1 de %2</translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation>%1 s</translation>
    </message>
    <message>
        <source>%1 min</source>
        <translation>%1 min</translation>
    </message>
    <message>
        <source>%1 h %2 min</source>
        <translation>%1 h %2 min</translation>
    </message>
    <message>
        <source>%1 d %2 h</source>
        <translation>%1 d %2 h</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>Pool: %1</source>
        <translation>Pool: %1</translation>
    </message>
    <message>
        <source>HA: %1</source>
        <translation>HA: %1</translation>
    </message>
    <message>
        <source>Locked: %1</source>
        <translation>Bloqueado: %1</translation>
    </message>
    <message>
        <source>Used: %1 of %2</source>
        <translation>Utilizado: %1 de %2</translation>
    </message>
    <message>
        <source>Storage type: %1</source>
        <translation>Tipo de armazenamento: %1</translation>
    </message>
    <message>
        <source>running</source>
        <translation>em execução</translation>
    </message>
    <message>
        <source>stopped</source>
        <translation>parado</translation>
    </message>
    <message>
        <source>paused</source>
        <translation>em pausa</translation>
    </message>
    <message>
        <source>suspended</source>
        <translation>suspenso</translation>
    </message>
    <message>
        <source>starting</source>
        <translation>a iniciar</translation>
    </message>
    <message>
        <source>online</source>
        <translation>em linha</translation>
    </message>
    <message>
        <source>offline</source>
        <translation>desligado</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>desconhecido</translation>
    </message>
    <message>
        <source>available</source>
        <translation>disponível</translation>
    </message>
    <message>
        <source>active</source>
        <translation>ativo</translation>
    </message>
    <message>
        <source>inactive</source>
        <translation>inativo</translation>
    </message>
</context>
<context>
    <name>atalaia::ui::ResourceTreeModel</name>
    <message>
        <source>Name</source>
        <translation>Nome</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>Tipo</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Estado</translation>
    </message>
    <message>
        <source>Node</source>
        <translation>Nó</translation>
    </message>
    <message>
        <source>CPU</source>
        <translation>CPU</translation>
    </message>
    <message>
        <source>Memory</source>
        <translation>Memória</translation>
    </message>
    <message>
        <source>Uptime</source>
        <translation>Tempo ativo</translation>
    </message>
    <message>
        <source>Tags</source>
        <translation>Etiquetas</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>Connecting…</source>
        <translation>A ligar…</translation>
    </message>
    <message>
        <source>Connected</source>
        <translation>Ligado</translation>
    </message>
    <message>
        <source>Disconnected</source>
        <translation>Desligado</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>Falhou</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>Datacenter</source>
        <translation>Centro de dados</translation>
    </message>
    <message>
        <source>Datacenter %1 (%2)
%3</source>
        <translation>Centro de dados %1 (%2)
%3</translation>
    </message>
    <message>
        <source>Pool</source>
        <translation>Pool</translation>
    </message>
    <message>
        <source>Tag</source>
        <translation>Etiqueta</translation>
    </message>
    <message>
        <source>%1
HA: %2</source>
        <translation>%1
HA: %2</translation>
    </message>
    <message>
        <source>%1 of %2 CPU(s)</source>
        <translation>%1 de %2 CPU(s)</translation>
    </message>
    <message>
        <source>%1 (%2 %)</source>
        <translation>%1 (%2 %)</translation>
    </message>
    <message>
        <source>(no node)</source>
        <translation>(sem nó)</translation>
    </message>
    <message>
        <source>(no pool)</source>
        <translation>(sem pool)</translation>
    </message>
    <message>
        <source>(no tag)</source>
        <translation>(sem etiqueta)</translation>
    </message>
    <message>
        <source>Virtual machines</source>
        <translation>Máquinas virtuais</translation>
    </message>
    <message>
        <source>Containers</source>
        <translation>Contentores</translation>
    </message>
    <message>
        <source>Nodes</source>
        <translation>Nós</translation>
    </message>
    <message>
        <source>Storage</source>
        <translation>Armazenamento</translation>
    </message>
    <message>
        <source>Pools</source>
        <translation>Pools</translation>
    </message>
    <message>
        <source>SDN</source>
        <translation>SDN</translation>
    </message>
</context>
<context>
    <name>atalaia::ui::ScreenshotTour</name>
    <message>
        <source>VM %1 (%2)</source>
        <translation>VM %1 (%2)</translation>
    </message>
    <message>
        <source>CT %1 (%2)</source>
        <translation>CT %1 (%2)</translation>
    </message>
</context>
<context>
    <name>atalaia::ui::StorageCombo</name>
    <message>
        <source>%1 (%2) — %3 free</source>
        <translation>%1 (%2) — %3 livres</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
</context>
<context>
    <name>atalaia::ui::StorageContentModel</name>
    <message>
        <source>Name</source>
        <translation>Nome</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>Data</translation>
    </message>
    <message>
        <source>Format</source>
        <translation>Formato</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>Tamanho</translation>
    </message>
    <message>
        <source>VMID</source>
        <translation>VMID</translation>
    </message>
</context>
<context>
    <name>atalaia::ui::StorageContentPage</name>
    <message>
        <source>ISO Images</source>
        <translation>Imagens ISO</translation>
    </message>
    <message>
        <source>CT Templates</source>
        <translation>Modelos de CT</translation>
    </message>
    <message>
        <source>VM Disks</source>
        <translation>Discos de VM</translation>
    </message>
    <message>
        <source>CT Volumes</source>
        <translation>Volumes de CT</translation>
    </message>
    <message>
        <source>&amp;Upload</source>
        <translation>&amp;Carregar</translation>
    </message>
    <message>
        <source>&amp;Templates</source>
        <translation>&amp;Modelos</translation>
    </message>
    <message>
        <source>&amp;Remove</source>
        <translation>&amp;Remover</translation>
    </message>
    <message>
        <source>Re&amp;fresh</source>
        <translation>A&amp;tualizar</translation>
    </message>
    <message>
        <source>Cannot list the content of %1: %2</source>
        <translation>Não é possível listar o conteúdo de %1: %2</translation>
    </message>
    <message>
        <source>Download %1</source>
        <translation>Transferir %1</translation>
    </message>
    <message>
        <source>The download of %1 failed: %2</source>
        <translation>A transferência de %1 falhou: %2</translation>
    </message>
    <message>
        <source>Remove volume</source>
        <translation>Remover volume</translation>
    </message>
    <message>
        <source>Remove %1 from storage %2? This cannot be undone.</source>
        <translation>Remover %1 do armazenamento %2? Isto não pode ser desfeito.</translation>
    </message>
    <message>
        <source>Removing %1…</source>
        <translation>A remover %1…</translation>
    </message>
    <message>
        <source>Cannot remove %1: %2</source>
        <translation>Não é possível remover %1: %2</translation>
    </message>
    <message>
        <source>Volume: %1</source>
        <translation>Volume: %1</translation>
    </message>
    <message>
        <source>Format: %1</source>
        <translation>Formato: %1</translation>
    </message>
    <message>
        <source>Size: %1 (%2 bytes)</source>
        <translation>Tamanho: %1 (%2 bytes)</translation>
    </message>
    <message>
        <source>Created: %1</source>
        <translation>Criado: %1</translation>
    </message>
    <message>
        <source>Guest: %1</source>
        <translation>Convidado: %1</translation>
    </message>
</context>
<context>
    <name>atalaia::ui::StorageSummaryPage</name>
    <message>
        <source>Type:</source>
        <translation>Tipo:</translation>
    </message>
    <message>
        <source>Content:</source>
        <translation>Conteúdo:</translation>
    </message>
    <message>
        <source>Path:</source>
        <translation>Caminho:</translation>
    </message>
    <message>
        <source>Shared:</source>
        <translation>Partilhado:</translation>
    </message>
    <message>
        <source>Active:</source>
        <translation>Ativo:</translation>
    </message>
    <message>
        <source>Usage:</source>
        <translation>Utilização:</translation>
    </message>
    <message>
        <source>Storage %1 on node %2</source>
        <translation>Armazenamento %1 no nó %2</translation>
    </message>
    <message>
        <source>Yes</source>
        <translation>Sim</translation>
    </message>
    <message>
        <source>No</source>
        <translation>Não</translation>
    </message>
    <message>
        <source>Backups</source>
        <translation>Cópias de segurança</translation>
    </message>
    <message>
        <source>Snippets</source>
        <translation>Fragmentos</translation>
    </message>
    <message>
        <source>%1 of %2 used (%3 %), %4 free</source>
        <translation>%1 de %2 usados (%3 %), %4 livres</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>desconhecido</translation>
    </message>
    <message>
        <source>Cannot read the status of %1: %2</source>
        <translation>Não é possível ler o estado de %1: %2</translation>
    </message>
</context>
<context>
    <name>atalaia::ui::SummaryPage</name>
    <message numerus="yes">
        <source>%n day(s) %1</source>
        <translation>
            <numerusform>%n dia %1</numerusform>
            <numerusform>%n dias %1</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 of %2 (%3 %)</source>
        <translation>%1 de %2 (%3 %)</translation>
    </message>
    <message>
        <source>Hour (average)</source>
        <translation>Hora (média)</translation>
    </message>
    <message>
        <source>Day (average)</source>
        <translation>Dia (média)</translation>
    </message>
    <message>
        <source>Week (average)</source>
        <translation>Semana (média)</translation>
    </message>
    <message>
        <source>Month (average)</source>
        <translation>Mês (média)</translation>
    </message>
    <message>
        <source>Year (average)</source>
        <translation>Ano (média)</translation>
    </message>
    <message>
        <source>Timeframe</source>
        <translation>Período</translation>
    </message>
    <message>
        <source>CPU usage (%)</source>
        <translation>Utilização de CPU (%)</translation>
    </message>
    <message>
        <source>Memory usage (%)</source>
        <translation>Utilização de memória (%)</translation>
    </message>
    <message>
        <source>This server keeps no history (%1); the charts show live values from now on.</source>
        <translation>Este servidor não guarda histórico (%1); os gráficos mostram valores em tempo real a partir de agora.</translation>
    </message>
    <message>
        <source>Datacenter %1</source>
        <translation>Centro de dados %1</translation>
    </message>
    <message>
        <source>Connection:</source>
        <translation>Ligação:</translation>
    </message>
    <message>
        <source>Logged in as:</source>
        <translation>Sessão iniciada como:</translation>
    </message>
    <message>
        <source>Nodes online:</source>
        <translation>Nós em linha:</translation>
    </message>
    <message>
        <source>%1 of %2</source>
        <translation>%1 de %2</translation>
    </message>
    <message>
        <source>Guests running:</source>
        <translation>Convidados em execução:</translation>
    </message>
    <message>
        <source>Storages:</source>
        <translation>Armazenamentos:</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>desconhecido</translation>
    </message>
    <message>
        <source>Node %1</source>
        <translation>Nó %1</translation>
    </message>
    <message>
        <source>Virtual machine %1 (%2)</source>
        <translation>Máquina virtual %1 (%2)</translation>
    </message>
    <message>
        <source>Container %1 (%2)</source>
        <translation>Contentor %1 (%2)</translation>
    </message>
    <message>
        <source>Storage %1 on %2</source>
        <translation>Armazenamento %1 em %2</translation>
    </message>
    <message>
        <source>Status:</source>
        <translation>Estado:</translation>
    </message>
    <message>
        <source>Node:</source>
        <translation>Nó:</translation>
    </message>
    <message>
        <source>Uptime:</source>
        <translation>Tempo ativo:</translation>
    </message>
    <message>
        <source>CPU usage:</source>
        <translation>Utilização de CPU:</translation>
    </message>
    <message numerus="yes">
        <source>%1 % of %n CPU(s)</source>
        <translation>
            <numerusform>%1 % de %n CPU</numerusform>
            <numerusform>%1 % de %n CPUs</numerusform>
        </translation>
    </message>
    <message>
        <source>Memory usage:</source>
        <translation>Utilização de memória:</translation>
    </message>
    <message>
        <source>Disk size:</source>
        <translation>Tamanho do disco:</translation>
    </message>
    <message>
        <source>Usage:</source>
        <translation>Utilização:</translation>
    </message>
    <message>
        <source>Root disk:</source>
        <translation>Disco raiz:</translation>
    </message>
    <message>
        <source>Tags:</source>
        <translation>Etiquetas:</translation>
    </message>
    <message>
        <source>HA state:</source>
        <translation>Estado de HA:</translation>
    </message>
</context>
<context>
    <name>atalaia::ui::TaskFollower</name>
    <message>
        <source>the connection went away</source>
        <translation>a ligação perdeu-se</translation>
    </message>
</context>
<context>
    <name>atalaia::ui::TaskListModel</name>
    <message>
        <source>Start</source>
        <translation>Iniciar</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>Parar</translation>
    </message>
    <message>
        <source>Shutdown</source>
        <translation>Encerrar</translation>
    </message>
    <message>
        <source>Reboot</source>
        <translation>Reiniciar</translation>
    </message>
    <message>
        <source>Migrate</source>
        <translation>Migrar</translation>
    </message>
    <message>
        <source>Create</source>
        <translation>Criar</translation>
    </message>
    <message>
        <source>Destroy</source>
        <translation>Destruir</translation>
    </message>
    <message>
        <source>Clone</source>
        <translation>Clonar</translation>
    </message>
    <message>
        <source>Backup</source>
        <translation>Cópia de segurança</translation>
    </message>
    <message>
        <source>Reload service</source>
        <translation>Recarregar serviço</translation>
    </message>
    <message>
        <source>Create system account</source>
        <translation>Criar conta de sistema</translation>
    </message>
    <message>
        <source>VM %1 - %2</source>
        <translation>VM %1 - %2</translation>
    </message>
    <message>
        <source>CT %1 - %2</source>
        <translation>CT %1 - %2</translation>
    </message>
    <message>
        <source>%1 - %2</source>
        <translation>%1 - %2</translation>
    </message>
    <message>
        <source>running</source>
        <translation>em execução</translation>
    </message>
    <message>
        <source>Start time</source>
        <translation>Hora de início</translation>
    </message>
    <message>
        <source>End time</source>
        <translation>Hora de fim</translation>
    </message>
    <message>
        <source>Datacenter</source>
        <translation>Centro de dados</translation>
    </message>
    <message>
        <source>Node</source>
        <translation>Nó</translation>
    </message>
    <message>
        <source>User</source>
        <translation>Utilizador</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>Descrição</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Estado</translation>
    </message>
    <message>
        <source>Create cluster</source>
        <translation>Criar cluster</translation>
    </message>
    <message>
        <source>Join cluster</source>
        <translation>Aderir a um cluster</translation>
    </message>
    <message>
        <source>Copy data</source>
        <translation>Copiar dados</translation>
    </message>
    <message>
        <source>Erase data</source>
        <translation>Apagar dados</translation>
    </message>
    <message>
        <source>Download</source>
        <translation>Transferir</translation>
    </message>
</context>
<context>
    <name>atalaia::ui::TaskLogView</name>
    <message>
        <source>Task: %1</source>
        <translation>Tarefa: %1</translation>
    </message>
    <message>
        <source>Status: running</source>
        <translation>Estado: em execução</translation>
    </message>
    <message>
        <source>Task log</source>
        <translation>Registo da tarefa</translation>
    </message>
    <message>
        <source>Cannot read the log: %1</source>
        <translation>Não é possível ler o registo: %1</translation>
    </message>
    <message>
        <source>Status: finished (OK)</source>
        <translation>Estado: terminada (OK)</translation>
    </message>
    <message>
        <source>Status: failed (%1)</source>
        <translation>Estado: falhou (%1)</translation>
    </message>
</context>
<context>
    <name>atalaia::ui::TaskProgressPage</name>
    <message>
        <source>&amp;Close</source>
        <translation>&amp;Fechar</translation>
    </message>
    <message>
        <source>&amp;Trust the new certificate</source>
        <translation>&amp;Confiar no novo certificado</translation>
    </message>
    <message>
        <source>&amp;Log in again</source>
        <translation>&amp;Iniciar sessão de novo</translation>
    </message>
    <message>
        <source>password of %1</source>
        <translation>palavra-passe de %1</translation>
    </message>
    <message>
        <source>The connection to the node dropped; the console keeps trying, and the task goes on on the node.</source>
        <translation>A ligação ao nó caiu; a consola continua a tentar, e a tarefa prossegue no nó.</translation>
    </message>
    <message>
        <source>The node now presents another certificate, with the fingerprint %1. If you did not expect this, do not trust it.</source>
        <translation>O nó apresenta agora outro certificado, com a impressão digital %1. Se não esperava isto, não confie nele.</translation>
    </message>
    <message>
        <source>The node now presents another certificate, with the fingerprint %1. %2</source>
        <translation>O nó apresenta agora outro certificado, com a impressão digital %1. %2</translation>
    </message>
    <message>
        <source>The node asks for the login again: enter the password of %1 to carry on.</source>
        <translation>O nó pede que inicie sessão de novo: introduza a palavra-passe de %1 para continuar.</translation>
    </message>
    <message>
        <source>The connection to the node is closed: the task goes on without it.</source>
        <translation>A ligação ao nó está fechada: a tarefa prossegue sem ela.</translation>
    </message>
</context>
<context>
    <name>atalaia::ui::TemplateDialog</name>
    <message>
        <source>Templates for %1</source>
        <translation>Modelos para %1</translation>
    </message>
    <message>
        <source>Template</source>
        <translation>Modelo</translation>
    </message>
    <message>
        <source>OS</source>
        <translation>SO</translation>
    </message>
    <message>
        <source>Version</source>
        <translation>Versão</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>Tamanho</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>Descrição</translation>
    </message>
    <message>
        <source>&amp;Download</source>
        <translation>&amp;Transferir</translation>
    </message>
    <message>
        <source>Loading the templates…</source>
        <translation>A carregar os modelos…</translation>
    </message>
    <message>
        <source>Cannot list the templates: %1</source>
        <translation>Não é possível listar os modelos: %1</translation>
    </message>
    <message>
        <source>This node offers no templates.</source>
        <translation>Este nó não oferece modelos.</translation>
    </message>
    <message>
        <source>Starting the download of %1…</source>
        <translation>A iniciar a transferência de %1…</translation>
    </message>
    <message>
        <source>Cannot download %1: %2</source>
        <translation>Não é possível transferir %1: %2</translation>
    </message>
</context>
<context>
    <name>atalaia::ui::TrustDialog</name>
    <message>
        <source>Trust this server?</source>
        <translation>Confiar neste servidor?</translation>
    </message>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt; (%2) presented a certificate that this console has not seen before. Compare its fingerprint with the one the node shows before you trust it.</source>
        <translation>&lt;b&gt;%1&lt;/b&gt; (%2) apresentou um certificado que esta consola nunca viu. Compare a impressão digital dele com a que o nó mostra antes de confiar nele.</translation>
    </message>
    <message>
        <source>SHA-256 fingerprint:</source>
        <translation>Impressão digital SHA-256:</translation>
    </message>
    <message>
        <source>Certificate fingerprint</source>
        <translation>Impressão digital do certificado</translation>
    </message>
    <message>
        <source>Paste the expected fingerprint (or the cluster&apos;s join information) to compare:</source>
        <translation>Cole a impressão digital esperada (ou as informações de adesão do cluster) para comparar:</translation>
    </message>
    <message>
        <source>Expected fingerprint</source>
        <translation>Impressão digital esperada</translation>
    </message>
    <message>
        <source>&amp;Trust and connect</source>
        <translation>&amp;Confiar e ligar</translation>
    </message>
    <message>
        <source>Not a SHA-256 fingerprint: %1</source>
        <translation>Não é uma impressão digital SHA-256: %1</translation>
    </message>
    <message>
        <source>✔ The fingerprints match.</source>
        <translation>✔ As impressões digitais coincidem.</translation>
    </message>
    <message>
        <source>✘ The fingerprints differ: do not trust this server.</source>
        <translation>✘ As impressões digitais são diferentes: não confie neste servidor.</translation>
    </message>
</context>
<context>
    <name>atalaia::ui::UploadDialog</name>
    <message>
        <source>Upload to %1</source>
        <translation>Carregamento para %1</translation>
    </message>
    <message>
        <source>Container templates (*.tar.gz *.tar.xz *.tar.zst)</source>
        <translation>Modelos de contentor (*.tar.gz *.tar.xz *.tar.zst)</translation>
    </message>
    <message>
        <source>All files (*)</source>
        <translation>Todos os ficheiros (*)</translation>
    </message>
    <message>
        <source>ISO images (*.iso *.img)</source>
        <translation>Imagens ISO (*.iso *.img)</translation>
    </message>
    <message>
        <source>Upload container template to %1</source>
        <translation>Carregar modelo de contentor para %1</translation>
    </message>
    <message>
        <source>Upload ISO image to %1</source>
        <translation>Carregar imagem ISO para %1</translation>
    </message>
    <message>
        <source>&amp;File:</source>
        <translation>&amp;Ficheiro:</translation>
    </message>
    <message>
        <source>Select File…</source>
        <translation>Selecionar ficheiro…</translation>
    </message>
    <message>
        <source>Size:</source>
        <translation>Tamanho:</translation>
    </message>
    <message>
        <source>&amp;Hash algorithm:</source>
        <translation>Algoritmo de &amp;hash:</translation>
    </message>
    <message>
        <source>None</source>
        <translation>Nenhum</translation>
    </message>
    <message>
        <source>Check&amp;sum:</source>
        <translation>&amp;Soma de verificação:</translation>
    </message>
    <message>
        <source>empty: computed here before sending</source>
        <translation>vazio: calculada aqui antes do envio</translation>
    </message>
    <message>
        <source>&amp;Upload</source>
        <translation>&amp;Carregar</translation>
    </message>
    <message>
        <source>Task &amp;Log</source>
        <translation>&amp;Registo da tarefa</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Fechar</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancelar</translation>
    </message>
    <message>
        <source>no file selected</source>
        <translation>nenhum ficheiro selecionado</translation>
    </message>
    <message>
        <source>%1 (%2 bytes)</source>
        <translation>%1 (%2 bytes)</translation>
    </message>
    <message>
        <source>Computing the %1 checksum…</source>
        <translation>A calcular a soma de verificação %1…</translation>
    </message>
    <message>
        <source>cannot read %1: %2</source>
        <translation>não é possível ler %1: %2</translation>
    </message>
    <message>
        <source>Uploading…</source>
        <translation>A carregar…</translation>
    </message>
    <message>
        <source>The upload failed: %1</source>
        <translation>O carregamento falhou: %1</translation>
    </message>
    <message>
        <source>Uploaded; the node is moving the file into place…</source>
        <translation>Carregado; o nó está a colocar o ficheiro no lugar…</translation>
    </message>
    <message>
        <source>%1 of %2 MiB, %3 MiB/s, %4 left</source>
        <translation>%1 de %2 MiB, %3 MiB/s, faltam %4</translation>
    </message>
    <message>
        <source>The node could not import the file: %1</source>
        <translation>O nó não conseguiu importar o ficheiro: %1</translation>
    </message>
    <message>
        <source>%1 is on storage %2.</source>
        <translation>%1 está no armazenamento %2.</translation>
    </message>
    <message>
        <source>Upload cancelled.</source>
        <translation>Carregamento cancelado.</translation>
    </message>
    <message>
        <source>Cancel the upload of %1?</source>
        <translation>Cancelar o carregamento de %1?</translation>
    </message>
    <message>
        <source>The connection was closed: nothing was sent.</source>
        <translation>A ligação foi fechada: nada foi enviado.</translation>
    </message>
</context>
<context>
    <name>atalaia::ui::VolumeCombo</name>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
</context>
</TS>
